using Siamese.Data;
using static TorchSharp.torch;

namespace Siamese.Inputs;

/// <summary>Feeds the images of a <see cref="LabeledImageSet"/>, normalised, to the trainer.</summary>
public sealed class ImageSetInputSource : IInputSource
{
    private readonly LabeledImageSet images;
    private readonly InputNormalization normalization;

    /// <summary>Wraps <paramref name="images"/>; each gathered batch is normalised with <paramref name="normalization"/>.</summary>
    public ImageSetInputSource(LabeledImageSet images, InputNormalization normalization)
    {
        this.images = images ?? throw new ArgumentNullException(nameof(images));
        this.normalization = normalization ?? throw new ArgumentNullException(nameof(normalization));
    }

    /// <inheritdoc />
    public int Count => images.Count;

    /// <inheritdoc />
    public Tensor Gather(ReadOnlySpan<int> indices) => images.ToTensor(indices, normalization);
}
