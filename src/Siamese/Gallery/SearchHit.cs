namespace Siamese.Gallery;

/// <summary>One candidate found for a query.</summary>
/// <param name="Rank">1-based rank among the query's hits.</param>
/// <param name="Candidate">Index of the candidate in the list searched.</param>
/// <param name="Input">The candidate as given: its text, or its image file's path.</param>
/// <param name="Score">Its score against the query under the model's distance.</param>
public sealed record SearchHit(int Rank, int Candidate, string Input, double Score);
