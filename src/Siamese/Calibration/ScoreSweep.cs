namespace Siamese.Calibration;

/// <summary>
/// The threshold sweep shared by <c>Evaluation.Metrics.VerificationMetrics</c> and
/// <see cref="ThresholdCalibrator"/>: the scored pairs sorted once from closest to farthest,
/// grouped by equal score, and the operating points reached by accepting the closest 0, 1, ..., G groups.
/// </summary>
/// <remarks>
/// Point k accepts exactly the pairs of the k closest distinct scores, so pairs with equal scores always
/// cross a threshold together. Point 0 accepts nothing (FAR = TAR = 0), point G accepts everything
/// (FAR = TAR = 1). The threshold of an inner point is the midpoint between the k-th and (k+1)-th distinct
/// scores; the thresholds of the two end points lie beyond the extreme scores by half the mean gap between
/// adjacent distinct scores (or by 0.5·max(|s|, 1) when every score is equal). Every threshold is therefore
/// strictly between scores and reproduces its point exactly when applied to the same pairs.
/// Work is O(n log n) for the sort and O(n) for the sweep.
/// </remarks>
internal sealed class ScoreSweep
{
    private readonly int[] acceptedGenuine;
    private readonly int[] acceptedImpostor;
    private readonly double[] thresholds;

    private ScoreSweep(bool largerIsCloser, int genuineCount, int impostorCount, double[] thresholds, int[] acceptedGenuine, int[] acceptedImpostor)
    {
        LargerIsCloser = largerIsCloser;
        GenuineCount = genuineCount;
        ImpostorCount = impostorCount;
        this.thresholds = thresholds;
        this.acceptedGenuine = acceptedGenuine;
        this.acceptedImpostor = acceptedImpostor;
    }

    /// <summary>True when the scores are similarities (accept when score ≥ threshold).</summary>
    public bool LargerIsCloser { get; }

    /// <summary>Number of genuine pairs.</summary>
    public int GenuineCount { get; }

    /// <summary>Number of impostor pairs.</summary>
    public int ImpostorCount { get; }

    /// <summary>Number of pairs.</summary>
    public int PairCount => GenuineCount + ImpostorCount;

    /// <summary>Number of operating points: distinct scores + 1.</summary>
    public int PointCount => thresholds.Length;

    /// <summary>Threshold of point k, in the units and direction of the original scores.</summary>
    public double Threshold(int k) => thresholds[k];

    /// <summary>Genuine pairs accepted at point k.</summary>
    public int TruePositives(int k) => acceptedGenuine[k];

    /// <summary>Impostor pairs accepted at point k.</summary>
    public int FalsePositives(int k) => acceptedImpostor[k];

    /// <summary>False accept rate at point k: accepted impostors / impostors.</summary>
    public double Far(int k) => (double)acceptedImpostor[k] / ImpostorCount;

    /// <summary>True accept rate at point k: accepted genuine pairs / genuine pairs.</summary>
    public double Tar(int k) => (double)acceptedGenuine[k] / GenuineCount;

    /// <summary>False reject rate at point k: rejected genuine pairs / genuine pairs.</summary>
    public double Frr(int k) => (double)(GenuineCount - acceptedGenuine[k]) / GenuineCount;

    /// <summary>Fraction of pairs decided correctly at point k.</summary>
    public double Accuracy(int k) => (double)(acceptedGenuine[k] + ImpostorCount - acceptedImpostor[k]) / PairCount;

    /// <summary>F1 of the genuine class at point k: 2TP / (2TP + FP + FN); 0 when nothing is accepted.</summary>
    public double F1(int k)
    {
        long tp = acceptedGenuine[k];
        long fp = acceptedImpostor[k];
        long fn = GenuineCount - tp;
        return 2.0 * tp / (2 * tp + fp + fn); // denominator ≥ GenuineCount ≥ 1
    }

    /// <summary>The point of highest accuracy; the strictest (lowest k) among equals.</summary>
    public int BestAccuracyIndex() => ArgMax(Accuracy);

    /// <summary>The point of highest F1; the strictest (lowest k) among equals.</summary>
    public int BestF1Index() => ArgMax(F1);

    /// <summary>
    /// The most lenient point whose FAR does not exceed <paramref name="targetFar"/>, which is the point of
    /// highest TAR under that constraint. Point 0 (FAR = 0) always qualifies.
    /// </summary>
    public int LargestIndexWithFarAtMost(double targetFar)
    {
        int lo = 0, hi = PointCount - 1; // FAR is non-decreasing in k; find the last k with FAR(k) ≤ target
        while (lo < hi)
        {
            int mid = lo + (hi - lo + 1) / 2;
            if (Far(mid) <= targetFar)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Sorts and sweeps the pairs.</summary>
    /// <exception cref="ArgumentException">
    /// Lengths differ, a score is NaN or infinite, or there is not at least one genuine and one impostor pair.
    /// </exception>
    public static ScoreSweep Build(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isSame, bool largerIsCloser)
    {
        if (scores.Length != isSame.Length)
        {
            throw new ArgumentException(
                $"scores and isSame must have the same length, got {scores.Length} scores and {isSame.Length} labels", nameof(isSame));
        }

        int n = scores.Length;
        var keys = new float[n]; // "distance-like" keys: smaller is closer in both directions
        var labels = isSame.ToArray();
        int genuine = 0;
        for (int i = 0; i < n; i++)
        {
            float s = scores[i];
            if (!float.IsFinite(s))
            {
                throw new ArgumentException($"scores[{i}] is {(float.IsNaN(s) ? "NaN" : "infinite")}; every score must be a finite number", nameof(scores));
            }

            keys[i] = largerIsCloser ? -s : s;
            if (labels[i])
            {
                genuine++;
            }
        }

        int impostor = n - genuine;
        if (genuine == 0 || impostor == 0)
        {
            throw new ArgumentException(
                $"at least one genuine pair (isSame = true) and one impostor pair (isSame = false) are needed, got {genuine} genuine and {impostor} impostor",
                nameof(isSame));
        }

        Array.Sort(keys, labels);

        int groups = 1;
        for (int i = 1; i < n; i++)
        {
            if (keys[i] != keys[i - 1])
            {
                groups++;
            }
        }

        var thresholdKeys = new double[groups + 1];
        var tp = new int[groups + 1];
        var fp = new int[groups + 1];
        int k = 0, cumTp = 0, cumFp = 0;
        for (int i = 0; i < n; i++)
        {
            if (labels[i])
            {
                cumTp++;
            }
            else
            {
                cumFp++;
            }

            bool groupEnds = i == n - 1 || keys[i + 1] != keys[i];
            if (groupEnds)
            {
                k++;
                tp[k] = cumTp;
                fp[k] = cumFp;
                if (i < n - 1)
                {
                    thresholdKeys[k] = 0.5 * ((double)keys[i] + keys[i + 1]);
                }
            }
        }

        double first = keys[0], last = keys[n - 1];
        double margin = groups >= 2 ? 0.5 * (last - first) / (groups - 1) : 0.5 * Math.Max(Math.Abs(first), 1.0);
        thresholdKeys[0] = first - margin;
        thresholdKeys[groups] = last + margin;

        if (largerIsCloser)
        {
            for (int j = 0; j < thresholdKeys.Length; j++)
            {
                thresholdKeys[j] = -thresholdKeys[j];
            }
        }

        return new ScoreSweep(largerIsCloser, genuine, impostor, thresholdKeys, tp, fp);
    }

    private int ArgMax(Func<int, double> metric)
    {
        int best = 0;
        double bestValue = metric(0);
        for (int k = 1; k < PointCount; k++)
        {
            double value = metric(k);
            if (value > bestValue)
            {
                best = k;
                bestValue = value;
            }
        }

        return best;
    }
}
