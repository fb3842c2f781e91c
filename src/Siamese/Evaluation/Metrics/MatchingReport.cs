namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Matching figures measured by <see cref="MatchingMetrics.Compute"/>, each a mean over the queries. Both are in
/// (0, 1]; greater is better.
/// </summary>
public sealed record MatchingReport
{
    /// <summary>Fraction of queries whose correct candidate scores strictly better than every other candidate.</summary>
    public required double PrecisionAt1 { get; init; }

    /// <summary>
    /// Mean over queries of 1 / rank of the correct candidate, the rank being 1 + the number of other candidates
    /// scoring at least as well (ties count against the query).
    /// </summary>
    public required double MeanReciprocalRank { get; init; }

    /// <summary>Number of queries (rows of the score matrix).</summary>
    public required int QueryCount { get; init; }

    /// <summary>Number of candidates each query was matched against (columns of the score matrix).</summary>
    public required int CandidateCount { get; init; }

    /// <summary>Whether larger scores were taken to match better (similarities) rather than smaller ones (distances).</summary>
    public required bool LargerIsCloser { get; init; }
}
