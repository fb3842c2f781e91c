namespace Siamese.Samplers;

/// <summary>
/// One N-way K-shot episode: <see cref="Classes"/> (N class labels), the support items of each class
/// (K per class, class-major: items [c·K, (c+1)·K) belong to <c>Classes[c]</c>) and the query items with the
/// position of their true class in <see cref="Classes"/>. Indices point into the data set the episode was drawn from;
/// a query is never one of its own episode's support items.
/// </summary>
/// <param name="Classes">The N class labels of the episode.</param>
/// <param name="Shots">Support items per class (K).</param>
/// <param name="Support">N·K data-set indices, class-major.</param>
/// <param name="Queries">Data-set indices of the queries.</param>
/// <param name="QueryClasses">For each query, the position of its class in <see cref="Classes"/> (0 to N−1).</param>
public sealed record FewShotEpisode(int[] Classes, int Shots, int[] Support, int[] Queries, int[] QueryClasses)
{
    /// <summary>Number of classes (N).</summary>
    public int Way => Classes.Length;
}
