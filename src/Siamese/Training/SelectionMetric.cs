namespace Siamese.Training;

/// <summary>The validation figure that decides which epoch's weights are best and when to stop early.</summary>
public enum SelectionMetric
{
    /// <summary>ROC AUC on the validation pairs (greater is better).</summary>
    Auc,

    /// <summary>Equal error rate on the validation pairs (smaller is better).</summary>
    Eer,

    /// <summary>Best-threshold accuracy on the validation pairs (greater is better).</summary>
    Accuracy,

    /// <summary>Mean loss on the validation pairs (smaller is better).</summary>
    Loss,

    /// <summary>Spearman correlation of the scores with graded validation targets (greater is better); needs <see cref="PairValidationSet.Targets"/>.</summary>
    Spearman,
}
