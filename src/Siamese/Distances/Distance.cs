namespace Siamese.Distances;

/// <summary>Creates distances by their stable names, as stored in model bundles and typed on the command line.</summary>
public static class Distance
{
    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["l1", "l2", "squared-l2", "cosine", "dot", "exp-l1"];

    /// <summary>Returns the distance called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static IDistance FromName(string name) => name switch
    {
        "l1" => new L1Distance(),
        "l2" => new L2Distance(),
        "squared-l2" => new SquaredL2Distance(),
        "cosine" => new CosineSimilarity(),
        "dot" => new DotProductSimilarity(),
        "exp-l1" => new ExpNegativeL1Similarity(),
        _ => throw new ArgumentException($"unknown distance '{name}'; expected one of {string.Join(", ", Names)}", nameof(name)),
    };
}
