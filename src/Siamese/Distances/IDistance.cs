using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>
/// A distance or similarity between embeddings. Each has a pairwise form (row i of a against row i of b)
/// and a matrix form (every row of a against every row of b), and knows its own direction so that
/// losses, miners and evaluators work with distances and similarities alike.
/// </summary>
public interface IDistance
{
    /// <summary>Stable name used in model bundles and on the command line (e.g. "l2", "cosine").</summary>
    string Name { get; }

    /// <summary>True for similarities (cosine, dot product, exp(-L1)), false for distances (L1, L2).</summary>
    bool LargerIsCloser { get; }

    /// <summary>Scores of matching rows: a and b are (N, D); the result is (N).</summary>
    Tensor Paired(Tensor a, Tensor b);

    /// <summary>Scores of every row of a against every row of b: a is (N, D), b is (M, D); the result is (N, M).</summary>
    Tensor Matrix(Tensor a, Tensor b);
}
