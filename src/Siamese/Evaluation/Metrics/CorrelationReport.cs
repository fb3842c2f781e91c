namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Pearson's and Spearman's correlation of the same paired series, from <see cref="CorrelationMetrics.Compute"/>.
/// Each is in [−1, 1] (greater is better when scores are compared with similarity ratings), or NaN when a series is
/// constant.
/// </summary>
public sealed record CorrelationReport
{
    /// <summary>Pearson's product-moment correlation (linear agreement); see <see cref="CorrelationMetrics.Pearson"/>.</summary>
    public required double Pearson { get; init; }

    /// <summary>Spearman's rank correlation (monotone agreement, ties averaged); see <see cref="CorrelationMetrics.Spearman"/>.</summary>
    public required double Spearman { get; init; }

    /// <summary>Number of pairs correlated.</summary>
    public required int Count { get; init; }
}
