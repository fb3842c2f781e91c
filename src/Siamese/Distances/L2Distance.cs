using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>
/// Euclidean distance ‖a − b‖₂, the D_W of Hadsell, Chopra and LeCun (2006). Smaller is closer.
/// The pairwise form adds a tiny epsilon under the square root so that the gradient stays finite
/// for identical inputs.
/// </summary>
public sealed class L2Distance : IDistance
{
    private const double Epsilon = 1e-12;

    /// <inheritdoc />
    public string Name => "l2";

    /// <inheritdoc />
    public bool LargerIsCloser => false;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return ((a - b).square().sum(-1) + Epsilon).sqrt().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Matrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (SquaredL2Distance.SquaredMatrix(a, b) + Epsilon).sqrt().MoveToOuterDisposeScope();
    }
}
