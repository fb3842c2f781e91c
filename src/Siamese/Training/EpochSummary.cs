namespace Siamese.Training;

/// <summary>What one epoch achieved.</summary>
/// <param name="Epoch">One-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="ValidationLoss">Mean loss on the validation pairs, or NaN without validation.</param>
/// <param name="ValidationAuc">ROC AUC on the validation pairs, or NaN without validation.</param>
/// <param name="ValidationEer">Equal error rate on the validation pairs, or NaN without validation.</param>
/// <param name="ValidationAccuracy">Best-threshold accuracy on the validation pairs, or NaN without validation.</param>
/// <param name="IsBest">Whether this epoch is the best so far by the selection metric.</param>
/// <param name="Elapsed">Wall time since training started, at the end of this epoch.</param>
/// <param name="ValidationSpearman">Spearman correlation of scores with graded validation targets, or NaN when the validation pairs are not graded.</param>
public sealed record EpochSummary(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAuc,
    double ValidationEer,
    double ValidationAccuracy,
    bool IsBest,
    TimeSpan Elapsed,
    double ValidationSpearman = double.NaN);
