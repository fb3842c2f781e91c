namespace Siamese.Calibration;

/// <summary>
/// A calibrated same/different decision rule on scores, with the figures it reached on the calibration
/// pairs. Plain properties only, so it serialises with System.Text.Json as part of a model bundle.
/// </summary>
public sealed record DecisionThreshold
{
    /// <summary>The threshold, in the units of the scores; finite, and never equal to a calibration score.</summary>
    public required double Value { get; init; }

    /// <summary>True for similarities (same when score ≥ <see cref="Value"/>), false for distances (same when score ≤ <see cref="Value"/>).</summary>
    public required bool LargerIsCloser { get; init; }

    /// <summary>How the threshold was chosen, as <see cref="ThresholdCriterion.Description"/>: "best-accuracy" or "far&lt;=0.001".</summary>
    public required string Criterion { get; init; }

    /// <summary>Fraction of calibration pairs decided correctly.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Fraction of calibration impostor pairs accepted as same.</summary>
    public required double FalseAcceptRate { get; init; }

    /// <summary>Fraction of calibration genuine pairs rejected as different.</summary>
    public required double FalseRejectRate { get; init; }

    /// <summary>Number of calibration pairs (genuine and impostor).</summary>
    public required int PairCount { get; init; }

    /// <summary>
    /// Applies the rule: true (same) when <paramref name="score"/> is ≤ <see cref="Value"/> for distances or
    /// ≥ <see cref="Value"/> for similarities; false for NaN.
    /// </summary>
    /// <param name="score">A distance or similarity, in the direction of <see cref="LargerIsCloser"/>.</param>
    public bool IsSame(double score) => LargerIsCloser ? score >= Value : score <= Value;
}
