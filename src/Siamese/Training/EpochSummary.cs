using Siamese.Evaluation.Evaluators;

namespace Siamese.Training;

/// <summary>What one epoch achieved.</summary>
/// <param name="Epoch">One-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="Metrics">The validation figures by name (<see cref="MetricNames"/>), the loss on the validation pairs included; empty without validation.</param>
/// <param name="Selected">The figure the epoch was judged by: a metric name, or "train loss" when there is no validation figure.</param>
/// <param name="IsBest">Whether this epoch is the best so far by <paramref name="Selected"/>.</param>
/// <param name="Elapsed">Wall time since training started, at the end of this epoch.</param>
public sealed record EpochSummary(
    int Epoch,
    double TrainLoss,
    IReadOnlyDictionary<string, double> Metrics,
    string Selected,
    bool IsBest,
    TimeSpan Elapsed)
{
    /// <summary>Mean loss on the validation pairs, or NaN without it.</summary>
    public double ValidationLoss => this[MetricNames.Loss];

    /// <summary>ROC AUC on the validation pairs, or NaN.</summary>
    public double ValidationAuc => this[MetricNames.Auc];

    /// <summary>Equal error rate on the validation pairs, or NaN.</summary>
    public double ValidationEer => this[MetricNames.Eer];

    /// <summary>Best-threshold accuracy on the validation pairs, or NaN.</summary>
    public double ValidationAccuracy => this[MetricNames.Accuracy];

    /// <summary>Spearman correlation of scores with graded validation targets, or NaN when the pairs are not graded.</summary>
    public double ValidationSpearman => this[MetricNames.Spearman];

    /// <summary>The validation figure named <paramref name="metric"/>, or NaN.</summary>
    public double this[string metric] => Metrics.TryGetValue(metric, out double value) ? value : double.NaN;
}
