namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Pair-verification figures measured by <see cref="VerificationMetrics.Evaluate"/>.
/// </summary>
/// <remarks>
/// Every threshold is in the units of the scores and applies in their direction: a pair is predicted
/// "same" when score ≤ threshold for distances (<see cref="LargerIsCloser"/> false) and when
/// score ≥ threshold for similarities (<see cref="LargerIsCloser"/> true). Thresholds are midpoints between
/// adjacent distinct scores, or lie just beyond the extreme scores, never on a score; see
/// <see cref="VerificationMetrics.Evaluate"/>.
/// </remarks>
public sealed record VerificationReport
{
    /// <summary>True when the scores were similarities (larger is closer), false for distances.</summary>
    public required bool LargerIsCloser { get; init; }

    /// <summary>Number of genuine pairs (same identity or class).</summary>
    public required int GenuineCount { get; init; }

    /// <summary>Number of impostor pairs (different identities or classes).</summary>
    public required int ImpostorCount { get; init; }

    /// <summary>
    /// Area under the ROC curve (trapezoid rule over the sweep): the probability that a random genuine pair
    /// scores closer than a random impostor pair, ties counting one half. 1 is perfect, 0.5 is chance.
    /// </summary>
    public required double Auc { get; init; }

    /// <summary>
    /// Equal error rate: the rate at which FAR = FRR, interpolated linearly between the two sweep points that
    /// bracket the crossing.
    /// </summary>
    public required double Eer { get; init; }

    /// <summary>The threshold at the equal error rate, interpolated like <see cref="Eer"/>.</summary>
    public required double EerThreshold { get; init; }

    /// <summary>Highest fraction of pairs decided correctly over all thresholds.</summary>
    public required double BestAccuracy { get; init; }

    /// <summary>Threshold reaching <see cref="BestAccuracy"/>; the strictest one when several do.</summary>
    public required double BestAccuracyThreshold { get; init; }

    /// <summary>Highest F1 of the genuine class over all thresholds.</summary>
    public required double BestF1 { get; init; }

    /// <summary>Threshold reaching <see cref="BestF1"/>; the strictest one when several do.</summary>
    public required double BestF1Threshold { get; init; }

    /// <summary>F1 of the genuine class at <see cref="BestAccuracyThreshold"/>.</summary>
    public required double F1AtBestAccuracyThreshold { get; init; }

    /// <summary>For each requested target FAR, the best TAR whose FAR does not exceed it.</summary>
    public required IReadOnlyList<TarAtFarPoint> TarAtFar { get; init; }

    /// <summary>
    /// The ROC curve, one point per distinct score plus one, from (FAR, TAR) = (0, 0) (nothing accepted) to
    /// (1, 1) (everything accepted), in order of loosening threshold. Both rates are non-decreasing.
    /// </summary>
    public required IReadOnlyList<RocPoint> RocCurve { get; init; }

    /// <summary>
    /// Returns at most <paramref name="maxPoints"/> points of <see cref="RocCurve"/> for plots and JSON: always
    /// the first and last points, and in between the points nearest to evenly spaced positions along the
    /// curve (measured by FAR + TAR, which grows at every point), in order. Returns the whole curve when it is
    /// short enough.
    /// </summary>
    /// <param name="maxPoints">Largest number of points to return; at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is less than 2.</exception>
    public IReadOnlyList<RocPoint> DownsampleRoc(int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        var curve = RocCurve;
        if (curve.Count <= maxPoints)
        {
            return curve.ToArray();
        }

        var kept = new List<RocPoint>(maxPoints);
        int previous = -1;
        for (int j = 0; j < maxPoints; j++)
        {
            double target = 2.0 * j / (maxPoints - 1);
            int index = j == maxPoints - 1 ? curve.Count - 1 : NearestByPosition(curve, target);
            if (index > previous)
            {
                kept.Add(curve[index]);
                previous = index;
            }
        }

        return kept;
    }

    private static int NearestByPosition(IReadOnlyList<RocPoint> curve, double target)
    {
        int lo = 0, hi = curve.Count - 1; // first index with position ≥ target
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (curve[mid].Far + curve[mid].Tar >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (lo > 0 && target - (curve[lo - 1].Far + curve[lo - 1].Tar) < (curve[lo].Far + curve[lo].Tar) - target)
        {
            lo--;
        }

        return lo;
    }
}
