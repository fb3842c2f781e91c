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

    /// <summary>N-way K-shot accuracy over episodes of the validation items.</summary>
    public const string FewShot = "few-shot";

    /// <summary>Open-set identification: share of probes answered right (their class, or "unknown" for strangers).</summary>
    public const string OpenSetAccuracy = "open-set-accuracy";

    /// <summary>Open-set identification: closed-set rank-1 accuracy of the enrolled classes' probes.</summary>
    public const string OpenSetRank1 = "open-set-rank1";

    /// <summary>Pearson correlation of the scores with graded targets.</summary>
    public const string Pearson = "pearson";

    /// <summary>Matching: share of positive pairs whose first text ranks its own partner first.</summary>
    public const string MatchPrecisionAt1 = "match-p@1";

    /// <summary>Matching: mean reciprocal rank of each positive pair's partner.</summary>
    public const string MeanReciprocalRank = "mrr";

    /// <summary>Whether a larger value of a standard figure is better: every one but the loss and the EER.</summary>
    public static bool GreaterIsBetter(string metric) => metric is not (Loss or Eer);
}
