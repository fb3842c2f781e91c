namespace Siamese.Distances;

/// <summary>
/// Creates distances by their stable names, as stored in model bundles and typed on the command line. The catalog
/// below is the one place a distance is registered: adding one is its class and one line there.
/// </summary>
public static class Distance
{
    // One line per distance: its name, how to make it for embeddings of a given length, and whether it has weights.
    private static readonly (string Name, Func<int, IDistance> Create, bool Learned)[] Catalog =
    [
        ("l1", _ => new L1Distance(), false),
        ("l2", _ => new L2Distance(), false),
        ("squared-l2", _ => new SquaredL2Distance(), false),
        ("cosine", _ => new CosineSimilarity(), false),
        ("dot", _ => new DotProductSimilarity(), false),
        ("exp-l1", _ => new ExpNegativeL1Similarity(), false),
        (WeightedL1Similarity.DistanceName, dimension => new WeightedL1Similarity(dimension), true),
    ];

    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Array.ConvertAll(Catalog, d => d.Name));

    /// <summary>
    /// Returns the distance called <paramref name="name"/> for embeddings of <paramref name="embeddingDimension"/>
    /// components; a learned distance (<see cref="WeightedL1Similarity"/>) starts from its initial weights.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static IDistance Create(string name, int embeddingDimension) => Find(name).Create(embeddingDimension);

    /// <summary>Whether the distance called <paramref name="name"/> has weights of its own, trained and saved with the encoder.</summary>
    public static bool IsLearned(string name) => Array.Exists(Catalog, d => d.Name == name && d.Learned);

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
    public static IDistance FromName(string name)
    {
        var entry = Find(name);
        return entry.Learned
            ? throw new ArgumentException($"'{name}' is learned and needs the embedding dimension; use Distance.Create", nameof(name))
            : entry.Create(0);
    }

    private static (string Name, Func<int, IDistance> Create, bool Learned) Find(string name)
    {
        int index = Array.FindIndex(Catalog, d => d.Name == name);
        return index >= 0
            ? Catalog[index]
            : throw new ArgumentException($"unknown distance '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
    }
}
