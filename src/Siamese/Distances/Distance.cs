namespace Siamese.Distances;

/// <summary>Creates distances by their stable names, as stored in model bundles and typed on the command line.</summary>
public static class Distance
{
    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["l1", "l2", "squared-l2", "cosine", "dot", "exp-l1", WeightedL1Similarity.DistanceName];

    /// <summary>
    /// Returns the distance called <paramref name="name"/> for embeddings of <paramref name="embeddingDimension"/>
    /// components; a learned distance (<see cref="WeightedL1Similarity"/>) starts from its initial weights.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static IDistance Create(string name, int embeddingDimension) =>
        name == WeightedL1Similarity.DistanceName ? new WeightedL1Similarity(embeddingDimension) : FromName(name);

    /// <summary>Whether the distance called <paramref name="name"/> has weights of its own, trained and saved with the encoder.</summary>
    public static bool IsLearned(string name) => name == WeightedL1Similarity.DistanceName;

    /// <summary>
    /// <paramref name="scores"/> of <paramref name="distance"/> turned so that larger is closer: similarities as they
    /// are, distances negated (for softmax logits and for ranking).
    /// </summary>
    public static TorchSharp.torch.Tensor Closeness(this IDistance distance, TorchSharp.torch.Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(distance);
        return distance.LargerIsCloser ? scores : -scores;
    }

    /// <summary>Returns the fixed (weightless) distance called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>, or names a learned distance (use <see cref="Create"/>).</exception>
    public static IDistance FromName(string name) => name switch
    {
        WeightedL1Similarity.DistanceName => throw new ArgumentException($"'{name}' is learned and needs the embedding dimension; use Distance.Create", nameof(name)),
        "l1" => new L1Distance(),
        "l2" => new L2Distance(),
        "squared-l2" => new SquaredL2Distance(),
        "cosine" => new CosineSimilarity(),
        "dot" => new DotProductSimilarity(),
        "exp-l1" => new ExpNegativeL1Similarity(),
        _ => throw new ArgumentException($"unknown distance '{name}'; expected one of {string.Join(", ", Names)}", nameof(name)),
    };
}
