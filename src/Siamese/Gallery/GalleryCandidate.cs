namespace Siamese.Gallery;

/// <summary>An enrolled label as an answer to a query, with the score of its closest entry.</summary>
/// <param name="Label">The label.</param>
/// <param name="Score">The distance or similarity between the query and the label's closest entry.</param>
public sealed record GalleryCandidate(string Label, double Score);
