using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>
/// Manhattan distance Σ|a − b|: the energy E_W of Chopra, Hadsell and LeCun (2005). Smaller is closer.
/// </summary>
public sealed class L1Distance : IDistance
{
    /// <inheritdoc />
    public string Name => "l1";

    /// <inheritdoc />
    public bool LargerIsCloser => false;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a - b).abs().sum(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Matrix(Tensor a, Tensor b) => cdist(a, b, p: 1.0);
}
