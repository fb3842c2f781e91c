namespace Siamese.Evaluation.Evaluators;

/// <summary>The names of the validation figures, as metric dictionaries, <c>--select</c> and recipes write them.</summary>
public static class MetricNames
{
    /// <summary>Mean loss on the validation pairs (smaller is better); the trainer adds it for pair and graded losses.</summary>
    public const string Loss = "loss";

    /// <summary>ROC AUC of the validation pairs.</summary>
    public const string Auc = "auc";

    /// <summary>Equal error rate of the validation pairs (smaller is better).</summary>
    public const string Eer = "eer";

    /// <summary>Best-threshold accuracy of the validation pairs.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Spearman correlation of the scores with graded validation targets.</summary>
    public const string Spearman = "spearman";

    /// <summary>Leave-one-out nearest-neighbour accuracy (precision at 1) within the validation items.</summary>
    public const string NearestNeighbor = "1nn";

    /// <summary>MAP@R within the validation items.</summary>
    public const string MapAtR = "map@r";

    /// <summary>Whether a larger value of a standard figure is better: every one but the loss and the EER.</summary>
    public static bool GreaterIsBetter(string metric) => metric is not (Loss or Eer);
}
