
namespace Siamese.Calibration;

/// <summary>Chooses the decision threshold that turns scores into same/different answers. Pure: no tensors, no I/O.</summary>
public static class ThresholdCalibrator
{
    /// <summary>
    /// Chooses a threshold on labelled calibration pairs by <paramref name="criterion"/>, using the same
    /// sweep as <c>Evaluation.Metrics.VerificationMetrics.Evaluate</c>: thresholds are midpoints between adjacent distinct
    /// scores (or just beyond the extremes), pairs with equal scores are decided alike, and among equally good
    /// thresholds the strictest (fewest acceptances) is chosen for best accuracy. For a FAR target the most
    /// lenient threshold whose FAR on these pairs is ≤ the target is chosen; with fewer than 1 / target
    /// impostor pairs that can mean FAR = 0.
    /// </summary>
    /// <param name="scores">One score per pair: a distance or a similarity, per <paramref name="largerIsCloser"/>. Must be finite.</param>
    /// <param name="isSame">Per pair: true for a genuine pair (same identity or class), false for an impostor pair.</param>
    /// <param name="largerIsCloser">False for distances, true for similarities.</param>
    /// <param name="criterion">The rule to choose by.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, a score is NaN or infinite, or there is not at least one genuine and one impostor pair.
    /// </exception>
    public static DecisionThreshold Calibrate(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isSame, bool largerIsCloser, ThresholdCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        var sweep = ScoreSweep.Build(scores, isSame, largerIsCloser);
        int k = criterion.Kind switch
        {
            ThresholdCriterionKind.BestAccuracy => sweep.BestAccuracyIndex(),
            ThresholdCriterionKind.TargetFalseAcceptRate => sweep.LargestIndexWithFarAtMost(criterion.TargetFar!.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion.Kind, "unknown criterion kind"),
        };

        return new DecisionThreshold
        {
            Value = sweep.Threshold(k),
            LargerIsCloser = largerIsCloser,
            Criterion = criterion.Description,
            Accuracy = sweep.Accuracy(k),
            FalseAcceptRate = sweep.Far(k),
            FalseRejectRate = sweep.Frr(k),
            PairCount = sweep.PairCount,
        };
    }
}
