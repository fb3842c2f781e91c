using Siamese.Evaluation.Metrics;

namespace Siamese.Evaluation.Evaluators;

/// <summary>How one scorer (a model or a baseline) did on a set of text pairs.</summary>
public sealed record TextPairReport
{
    /// <summary>The scorer's name ("model", "tfidf").</summary>
    public required string Method { get; init; }

    /// <summary>Pairs scored.</summary>
    public required int PairCount { get; init; }

    /// <summary>Pairs labelled same (binary) or with a target of at least 0.5 (graded).</summary>
    public required int PositiveCount { get; init; }

    /// <summary>Whether the labels were graded scores.</summary>
    public required bool IsGraded { get; init; }

    /// <summary>Pearson and Spearman correlation of the scores with the graded targets; null for binary labels.</summary>
    public CorrelationReport? Correlation { get; init; }

    /// <summary>ROC AUC, EER and best-threshold accuracy/F1 for binary labels; null for graded ones or when one class is missing.</summary>
    public VerificationReport? Verification { get; init; }

    /// <summary>The decision threshold applied (calibrated on validation pairs), or null.</summary>
    public double? Threshold { get; init; }

    /// <summary>Accuracy at <see cref="Threshold"/>, or null.</summary>
    public double? ThresholdAccuracy { get; init; }

    /// <summary>F1 of "same" at <see cref="Threshold"/>, or null.</summary>
    public double? ThresholdF1 { get; init; }

    /// <summary>Matching each positive pair's first text against every distinct second text of the positive pairs (P@1, MRR); null without positive pairs.</summary>
    public MatchingReport? Matching { get; init; }
}
