using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>Squared Euclidean distance ‖a − b‖²₂. Smaller is closer.</summary>
public sealed class SquaredL2Distance : IDistance
{
    /// <inheritdoc />
    public string Name => "squared-l2";

    /// <inheritdoc />
    public bool LargerIsCloser => false;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a - b).square().sum(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Matrix(Tensor a, Tensor b) => SquaredMatrix(a, b);

    /// <summary>‖a‖² + ‖b‖² − 2·a·bᵀ, clamped at zero against rounding.</summary>
    internal static Tensor SquaredMatrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var aa = a.square().sum(-1).unsqueeze(1);
        var bb = b.square().sum(-1).unsqueeze(0);
        return (aa + bb - 2 * a.matmul(b.t())).clamp_min(0).MoveToOuterDisposeScope();
    }
}
