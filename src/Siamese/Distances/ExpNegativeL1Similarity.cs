using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>
/// exp(−‖a − b‖₁), in (0, 1]: the similarity of the Manhattan LSTM (Mueller and Thyagarajan 2016).
/// Larger is closer.
/// </summary>
public sealed class ExpNegativeL1Similarity : IDistance
{
    /// <inheritdoc />
    public string Name => "exp-l1";

    /// <inheritdoc />
    public bool LargerIsCloser => true;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (-(a - b).abs().sum(-1)).exp().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Matrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (-cdist(a, b, p: 1.0)).exp().MoveToOuterDisposeScope();
    }
}
