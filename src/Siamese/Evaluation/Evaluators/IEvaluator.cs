using Siamese.Networks;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Measures a network on a fixed held-out set: its figures by name (see <see cref="MetricNames"/>) and a typed
/// report. The trainer validates every epoch through this one contract and keeps the epoch that
/// <see cref="PrimaryMetric"/> (or the metric it is told) prefers, so a new way of validating is one class.
/// </summary>
public interface IEvaluator
{
    /// <summary>What the evaluator measures, e.g. "pairs" or "retrieval".</summary>
    string Name { get; }

    /// <summary>The metric that chooses the kept epoch unless told otherwise, e.g. "auc" or "1nn".</summary>
    string PrimaryMetric { get; }

    /// <summary>
    /// The figures it can give, by name (on a given set some may be NaN, e.g. AUC on pairs all of one kind); the trainer
    /// refuses before the first epoch to select by any other.
    /// </summary>
    IReadOnlyCollection<string> Metrics { get; }

    /// <summary>Whether a larger value of <paramref name="metric"/> is better.</summary>
    bool GreaterIsBetter(string metric);

    /// <summary>
    /// Evaluates the network with its current weights (in evaluation mode, without gradients, each input embedded
    /// once); the network's training mode is restored afterwards.
    /// </summary>
    EvaluationResult Evaluate(TwinNetwork network);
}
