using Siamese.Inputs;
using static TorchSharp.torch;

namespace Siamese.Augmentation;

/// <summary>Feeds a trainer the inputs of another source, each batch distorted afresh by a <see cref="RandomAffine"/>.</summary>
public sealed class AugmentedInputSource : IInputSource
{
    private readonly IInputSource inner;
    private readonly RandomAffine augmentation;

    /// <summary>Wraps <paramref name="inner"/>, whose batches must be images (N, C, H, W).</summary>
    public AugmentedInputSource(IInputSource inner, RandomAffine augmentation)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        this.augmentation = augmentation ?? throw new ArgumentNullException(nameof(augmentation));
    }

    /// <inheritdoc />
    public int Count => inner.Count;

    /// <inheritdoc />
    public Tensor Gather(ReadOnlySpan<int> indices)
    {
        using var scope = NewDisposeScope();
        return augmentation.Apply(inner.Gather(indices)).MoveToOuterDisposeScope();
    }
}
