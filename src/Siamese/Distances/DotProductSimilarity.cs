using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>Dot product a·b. Larger is closer; equals cosine similarity for L2-normalised embeddings.</summary>
public sealed class DotProductSimilarity : IDistance
{
    /// <inheritdoc />
    public string Name => "dot";

    /// <inheritdoc />
    public bool LargerIsCloser => true;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a * b).sum(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Matrix(Tensor a, Tensor b) => a.matmul(b.t());
}
