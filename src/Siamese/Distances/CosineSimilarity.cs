using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>Cosine similarity a·b / (‖a‖‖b‖), in [−1, 1]. Larger is closer.</summary>
public sealed class CosineSimilarity : IDistance
{
    private const double Epsilon = 1e-8;

    /// <inheritdoc />
    public string Name => "cosine";

    /// <inheritdoc />
    public bool LargerIsCloser => true;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (Normalize(a) * Normalize(b)).sum(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Matrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return Normalize(a).matmul(Normalize(b).t()).MoveToOuterDisposeScope();
    }

    private static Tensor Normalize(Tensor x) => x / x.norm(-1, keepdim: true).clamp_min(Epsilon);
}
