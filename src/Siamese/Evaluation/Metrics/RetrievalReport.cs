namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Retrieval figures measured by <see cref="RetrievalMetrics.Compute"/>, each a mean over the queries that
/// have at least one relevant reference. All are in [0, 1]; greater is better.
/// </summary>
public sealed record RetrievalReport
{
    /// <summary>Fraction of queries whose nearest reference is relevant (shares the query's label).</summary>
    public required double PrecisionAt1 { get; init; }

    /// <summary>Mean over queries of the fraction of the first R neighbours that are relevant, R being the query's number of relevant references.</summary>
    public required double RPrecision { get; init; }

    /// <summary>
    /// Mean average precision at R (Musgrave, Belongie and Lim 2020, "A Metric Learning Reality Check"): per
    /// query (1/R)·Σ_{i ≤ R} P(i)·rel(i), where P(i) is the precision of the first i neighbours and rel(i) is 1
    /// when the i-th neighbour is relevant; averaged over queries.
    /// </summary>
    public required double MapAtR { get; init; }

    /// <summary>Number of queries that were scored (R ≥ 1).</summary>
    public required int QueryCount { get; init; }

    /// <summary>Number of queries skipped because no reference shares their label (R = 0).</summary>
    public required int SkippedQueryCount { get; init; }
}
