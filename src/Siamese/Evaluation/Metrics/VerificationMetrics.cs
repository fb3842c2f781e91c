using Siamese.Calibration;

namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Pair-verification metrics (ROC AUC, EER, best accuracy and F1, TAR at FAR) from scored pairs.
/// Pure functions on plain arrays: no tensors, no I/O.
/// </summary>
public static class VerificationMetrics
{
    /// <summary>The target FARs reported when none are given: 1e-4, 1e-3, 1e-2 and 1e-1.</summary>
    public static IReadOnlyList<double> DefaultFarTargets { get; } = [1e-4, 1e-3, 1e-2, 1e-1];

    /// <summary>
    /// Measures how well <paramref name="scores"/> separate genuine pairs from impostor pairs.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The pairs are sorted once by score (O(n log n)) and every threshold between adjacent distinct scores is
    /// swept (O(n)); pairs with equal scores always cross a threshold together. The thresholds reported are
    /// midpoints between adjacent distinct scores, so that they sit in the gap rather than on a calibration
    /// score, and the two extreme thresholds (accept nothing, accept everything) lie beyond the closest and
    /// farthest scores by half the mean gap between adjacent distinct scores (0.5·max(|s|, 1) when all scores
    /// are equal). Applied to the same pairs, each reported threshold reproduces its reported rates exactly.
    /// </para>
    /// <para>
    /// A FAR target below 1 / <see cref="VerificationReport.ImpostorCount"/> can only be met by FAR = 0, so
    /// small sets give conservative TAR figures at low FAR.
    /// </para>
    /// </remarks>
    /// <param name="scores">One score per pair: a distance or a similarity, per <paramref name="largerIsCloser"/>. Must be finite.</param>
    /// <param name="isSame">Per pair: true for a genuine pair (same identity or class), false for an impostor pair.</param>
    /// <param name="largerIsCloser">
    /// False for distances (a pair is predicted "same" when score ≤ threshold), true for similarities
    /// ("same" when score ≥ threshold); see <see cref="Distances.IDistance.LargerIsCloser"/>.
    /// </param>
    /// <param name="farTargets">FARs, each in [0, 1], at which to report TAR; <see cref="DefaultFarTargets"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, a score is NaN or infinite, there is not at least one genuine and one impostor pair,
    /// or a FAR target is outside [0, 1].
    /// </exception>
    public static VerificationReport Evaluate(
        ReadOnlySpan<float> scores, ReadOnlySpan<bool> isSame, bool largerIsCloser, IReadOnlyList<double>? farTargets = null)
    {
        farTargets ??= DefaultFarTargets;
        foreach (double target in farTargets)
        {
            if (!(target >= 0 && target <= 1))
            {
                throw new ArgumentException($"every FAR target must be in [0, 1], got {target}", nameof(farTargets));
            }
        }

        var sweep = ScoreSweep.Build(scores, isSame, largerIsCloser);
        var (eer, eerThreshold) = EqualErrorRate(sweep);
        int bestAccuracy = sweep.BestAccuracyIndex();
        int bestF1 = sweep.BestF1Index();

        var tarAtFar = new TarAtFarPoint[farTargets.Count];
        for (int i = 0; i < tarAtFar.Length; i++)
        {
            int k = sweep.LargestIndexWithFarAtMost(farTargets[i]);
            tarAtFar[i] = new TarAtFarPoint(farTargets[i], sweep.Tar(k), sweep.Threshold(k), sweep.Far(k));
        }

        var roc = new RocPoint[sweep.PointCount];
        for (int k = 0; k < roc.Length; k++)
        {
            roc[k] = new RocPoint(sweep.Threshold(k), sweep.Far(k), sweep.Tar(k));
        }

        return new VerificationReport
        {
            LargerIsCloser = largerIsCloser,
            GenuineCount = sweep.GenuineCount,
            ImpostorCount = sweep.ImpostorCount,
            Auc = AreaUnderCurve(sweep),
            Eer = eer,
            EerThreshold = eerThreshold,
            BestAccuracy = sweep.Accuracy(bestAccuracy),
            BestAccuracyThreshold = sweep.Threshold(bestAccuracy),
            BestF1 = sweep.F1(bestF1),
            BestF1Threshold = sweep.Threshold(bestF1),
            F1AtBestAccuracyThreshold = sweep.F1(bestAccuracy),
            TarAtFar = tarAtFar,
            RocCurve = roc,
        };
    }

    /// <summary>
    /// Accuracy and F1 of "same" when a stored threshold decides each pair by <see cref="DecisionThreshold.IsSame"/>:
    /// the figures of a threshold calibrated elsewhere (e.g. on validation pairs) applied to these pairs. F1 is 0 when
    /// no pair is both genuine and called same.
    /// </summary>
    /// <param name="scores">One score per pair, in the direction of <paramref name="threshold"/>.</param>
    /// <param name="isSame">Per pair: true for a genuine pair, false for an impostor pair.</param>
    /// <param name="threshold">The decision rule.</param>
    /// <exception cref="ArgumentException">The lengths differ or there are no pairs.</exception>
    public static (double Accuracy, double F1) AtThreshold(IReadOnlyList<float> scores, IReadOnlyList<bool> isSame, DecisionThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isSame);
        ArgumentNullException.ThrowIfNull(threshold);
        if (scores.Count != isSame.Count || scores.Count == 0)
        {
            throw new ArgumentException($"need one label per score and at least one pair; got {scores.Count} scores and {isSame.Count} labels");
        }

        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            bool said = threshold.IsSame(scores[i]);
            (tp, fp, fn, tn) = (said, isSame[i]) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (true, false) => (tp, fp + 1, fn, tn),
                (false, true) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
        }

        double f1 = tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        return ((double)(tp + tn) / scores.Count, f1);
    }

    /// <summary>
    /// Trapezoid area in integer counts: Σ ΔFP·(TP_k + TP_{k−1}) / (2·genuine·impostor), which equals the
    /// Mann–Whitney probability with ties counted half, and is exactly 1, 0 or 0.5 in the extreme cases.
    /// </summary>
    private static double AreaUnderCurve(ScoreSweep sweep)
    {
        long twiceArea = 0;
        for (int k = 1; k < sweep.PointCount; k++)
        {
            long deltaFp = sweep.FalsePositives(k) - sweep.FalsePositives(k - 1);
            twiceArea += deltaFp * ((long)sweep.TruePositives(k) + sweep.TruePositives(k - 1));
        }

        return twiceArea / (2.0 * sweep.GenuineCount * sweep.ImpostorCount);
    }

    /// <summary>
    /// FAR − FRR rises strictly from −1 at point 0 to +1 at the last point. Finds the first point where it is
    /// ≥ 0 and interpolates rate and threshold linearly from the point before it.
    /// </summary>
    private static (double Eer, double Threshold) EqualErrorRate(ScoreSweep sweep)
    {
        int k = 1;
        while (sweep.Far(k) - sweep.Frr(k) < 0)
        {
            k++;
        }

        double after = sweep.Far(k) - sweep.Frr(k);
        if (after == 0)
        {
            return (sweep.Far(k), sweep.Threshold(k));
        }

        double before = sweep.Far(k - 1) - sweep.Frr(k - 1);
        double t = -before / (after - before);
        double eer = sweep.Far(k - 1) + t * (sweep.Far(k) - sweep.Far(k - 1));
        double threshold = sweep.Threshold(k - 1) + t * (sweep.Threshold(k) - sweep.Threshold(k - 1));
        return (eer, threshold);
    }
}
