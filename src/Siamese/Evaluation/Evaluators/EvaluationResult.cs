namespace Siamese.Evaluation.Evaluators;

/// <summary>What an <see cref="IEvaluator"/> measured.</summary>
/// <param name="Metrics">Each figure by name (NaN where it cannot be computed on this set).</param>
/// <param name="Report">The evaluator's typed report (e.g. <see cref="PairScoresReport"/>, <see cref="Metrics.RetrievalReport"/>), or a list of them for a sequence.</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, object? Report)
{
    /// <summary>The figure named <paramref name="metric"/>, or NaN when the evaluator does not give it.</summary>
    public double this[string metric] => Metrics.TryGetValue(metric, out double value) ? value : double.NaN;
}
