using Siamese.Calibration;
using Siamese.Evaluation.Metrics;

namespace Siamese.Tests.Evaluation.Metrics;

public class VerificationMetricsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Evaluate_PerfectSeparation_AucOneEerZeroAccuracyOne()
    {
        // Given distances where every genuine pair is closer than every impostor pair
        float[] scores = [0.1f, 0.2f, 0.2f, 0.3f, 0.7f, 0.8f, 0.9f];
        bool[] isSame = [true, true, true, true, false, false, false];

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: false);

        // Then the figures are exactly perfect and the best threshold sits in the gap, at its midpoint
        Assert.Equal(1.0, report.Auc);
        Assert.Equal(0.0, report.Eer);
        Assert.Equal(1.0, report.BestAccuracy);
        Assert.Equal(1.0, report.BestF1);
        Assert.Equal(1.0, report.F1AtBestAccuracyThreshold);
        Assert.Equal(0.5, report.BestAccuracyThreshold, 1e-6);
        Assert.Equal(0.5, report.EerThreshold, 1e-6);
        Assert.Equal(4, report.GenuineCount);
        Assert.Equal(3, report.ImpostorCount);
    }

    [Fact]
    public void Evaluate_FullyReversed_AucZeroEerOne()
    {
        // Given distances where every genuine pair is farther than every impostor pair
        float[] scores = [5f, 6f, 1f, 2f, 3f];
        bool[] isSame = [true, true, false, false, false];

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: false);

        // Then AUC is 0; FAR reaches 1 before FRR leaves 1, so EER is 1; the best accuracy is rejecting everything
        Assert.Equal(0.0, report.Auc);
        Assert.Equal(1.0, report.Eer, Tolerance);
        Assert.Equal(3.0 / 5, report.BestAccuracy, Tolerance);
        Assert.True(report.BestAccuracyThreshold < 1f);
    }

    [Fact]
    public void Evaluate_AllScoresTied_AucHalfEerHalf()
    {
        // Given every pair with the same score
        float[] scores = [0.4f, 0.4f, 0.4f, 0.4f, 0.4f];
        bool[] isSame = [true, false, true, false, false];

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: true);

        // Then the ROC is the chance diagonal (0,0) -> (1,1) with no point in between
        Assert.Equal(0.5, report.Auc);
        Assert.Equal(0.5, report.Eer, Tolerance);
        Assert.Equal(2, report.RocCurve.Count);
        Assert.Equal(3.0 / 5, report.BestAccuracy, Tolerance);
    }

    // Hand-worked example. Distances (G = genuine, I = impostor), 3 genuine and 4 impostor pairs:
    //   0.1 G | 0.3 G, 0.3 I (tie) | 0.5 G | 0.6 I | 0.8 I | 0.9 I      -> 6 distinct scores, 7 sweep points
    // k  accepts      TP FP  TAR  FAR  FRR  FAR-FRR  accuracy (TP+4-FP)/7  F1 = 2TP/(2TP+FP+FN)  threshold
    // 0  nothing       0  0  0    0    1    -1       4/7                   0                      0.1 - 0.08 = 0.02
    // 1  <= 0.1        1  0  1/3  0    2/3  -2/3     5/7                   2/(2+0+2) = 1/2        0.2
    // 2  <= 0.3        2  1  2/3  1/4  1/3  -1/12    5/7                   4/(4+1+1) = 2/3        0.4
    // 3  <= 0.5        3  1  1    1/4  0    +1/4     6/7                   6/(6+1+0) = 6/7        0.55
    // 4  <= 0.6        3  2  1    1/2  0             5/7                   6/8                    0.7
    // 5  <= 0.8        3  3  1    3/4  0             4/7                   6/9                    0.85
    // 6  all           3  4  1    1    0             3/7                   6/10                   0.9 + 0.08 = 0.98
    // (end margin = half the mean gap = 0.5 * (0.9 - 0.1) / 5 = 0.08)
    // AUC: trapezoids where FAR grows: k1->k2: 1/4 * (1/3 + 2/3)/2 = 1/8; k3->k6: 3 * 1/4 * 1 = 3/4; total 7/8.
    //   Check by pair counting: G0.1 beats 4 impostors; G0.3 beats 3 and ties 1 (3.5); G0.5 beats 3 -> 10.5/12 = 7/8.
    // EER: FAR-FRR crosses 0 between k2 (-1/12) and k3 (+1/4): t = (1/12)/(1/4 + 1/12) = 1/4,
    //   EER = FAR2 + t (FAR3 - FAR2) = 1/4 (= FRR2 + t (FRR3 - FRR2) = 1/3 - 1/12 = 1/4),
    //   threshold = 0.4 + 1/4 * (0.55 - 0.4) = 0.4375.
    // Best accuracy 6/7 at k3 (threshold 0.55); best F1 6/7 there too.
    // TAR@FAR: target 0.25 -> last point with FAR <= 0.25 is k3: TAR 1 at 0.55; target 0.1 -> k1: TAR 1/3 at 0.2, FAR 0.
    private static readonly float[] HandScores = [0.5f, 0.1f, 0.3f, 0.9f, 0.3f, 0.6f, 0.8f];
    private static readonly bool[] HandIsSame = [true, true, true, false, false, false, false];

    [Fact]
    public void Evaluate_HandWorkedExample_MatchesHandComputation()
    {
        // Given the hand-worked distances above (in shuffled order)
        // When evaluated
        var report = VerificationMetrics.Evaluate(HandScores, HandIsSame, largerIsCloser: false, farTargets: [0.25, 0.1]);

        // Then every figure matches the table
        Assert.Equal(7.0 / 8, report.Auc, Tolerance);
        Assert.Equal(0.25, report.Eer, Tolerance);
        Assert.Equal(0.4375, report.EerThreshold, 1e-6);
        Assert.Equal(6.0 / 7, report.BestAccuracy, Tolerance);
        Assert.Equal(0.55, report.BestAccuracyThreshold, 1e-6);
        Assert.Equal(6.0 / 7, report.BestF1, Tolerance);
        Assert.Equal(0.55, report.BestF1Threshold, 1e-6);
        Assert.Equal(6.0 / 7, report.F1AtBestAccuracyThreshold, Tolerance);

        Assert.Equal(0.25, report.TarAtFar[0].TargetFar);
        Assert.Equal(1.0, report.TarAtFar[0].Tar, Tolerance);
        Assert.Equal(0.55, report.TarAtFar[0].Threshold, 1e-6);
        Assert.Equal(0.25, report.TarAtFar[0].AchievedFar, Tolerance);
        Assert.Equal(1.0 / 3, report.TarAtFar[1].Tar, Tolerance);
        Assert.Equal(0.2, report.TarAtFar[1].Threshold, 1e-6);
        Assert.Equal(0.0, report.TarAtFar[1].AchievedFar);

        double[] far = [0, 0, 0.25, 0.25, 0.5, 0.75, 1];
        double[] tar = [0, 1.0 / 3, 2.0 / 3, 1, 1, 1, 1];
        double[] threshold = [0.02, 0.2, 0.4, 0.55, 0.7, 0.85, 0.98];
        Assert.Equal(7, report.RocCurve.Count);
        for (int k = 0; k < 7; k++)
        {
            Assert.Equal(far[k], report.RocCurve[k].Far, Tolerance);
            Assert.Equal(tar[k], report.RocCurve[k].Tar, Tolerance);
            Assert.Equal(threshold[k], report.RocCurve[k].Threshold, 1e-6);
        }
    }

    [Fact]
    public void Evaluate_HandWorkedExampleAsSimilarities_SameRatesWithNegatedThresholds()
    {
        // Given the hand-worked example with every distance negated into a similarity
        var similarities = HandScores.Select(s => -s).ToArray();

        // When evaluated as similarities
        var report = VerificationMetrics.Evaluate(similarities, HandIsSame, largerIsCloser: true, farTargets: [0.25]);

        // Then the rates are unchanged and the thresholds are the negated distance thresholds
        Assert.True(report.LargerIsCloser);
        Assert.Equal(7.0 / 8, report.Auc, Tolerance);
        Assert.Equal(0.25, report.Eer, Tolerance);
        Assert.Equal(-0.4375, report.EerThreshold, 1e-6);
        Assert.Equal(6.0 / 7, report.BestAccuracy, Tolerance);
        Assert.Equal(-0.55, report.BestAccuracyThreshold, 1e-6);
        Assert.Equal(-0.55, report.TarAtFar[0].Threshold, 1e-6);
        Assert.Equal(-0.02, report.RocCurve[0].Threshold, 1e-6);
        Assert.Equal(-0.98, report.RocCurve[^1].Threshold, 1e-6);
    }

    [Fact]
    public void Evaluate_EquallyAccurateThresholds_ReportsStrictest()
    {
        // Given distances G 0.1, I 0.2, G 0.3: accepting "<= 0.1" and accepting everything both decide 2 of 3 right
        float[] scores = [0.1f, 0.2f, 0.3f];
        bool[] isSame = [true, false, true];

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: false);

        // Then the stricter threshold, midway between 0.1 and 0.2, is reported
        Assert.Equal(2.0 / 3, report.BestAccuracy, Tolerance);
        Assert.Equal(0.15, report.BestAccuracyThreshold, 1e-6);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Evaluate_RandomScoresWithTies_AucMatchesPairCountingOracle(int seed, bool largerIsCloser)
    {
        // Given random scores on a coarse grid (many ties), genuine pairs tending to be closer
        var (scores, isSame) = RandomPairs(seed, 300, largerIsCloser);

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser);

        // Then AUC equals the O(n²) probability that a genuine pair is closer than an impostor, ties half
        double oracle = PairCountingAuc(scores, isSame, largerIsCloser);
        Assert.InRange(oracle, 0.6, 0.99); // the data is neither trivial nor random
        Assert.Equal(oracle, report.Auc, 1e-12);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(5, true)]
    public void Evaluate_RandomScoresWithTies_AccuracyF1AndEerMatchThresholdScanOracle(int seed, bool largerIsCloser)
    {
        // Given random scores with many ties
        var (scores, isSame) = RandomPairs(seed, 250, largerIsCloser);

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser);

        // Then a brute-force scan over every candidate threshold (each distinct score, and "accept nothing"),
        // counting the pairs directly at each, finds the same best accuracy, best F1 and EER
        var scan = ThresholdScan(scores, isSame, largerIsCloser);
        Assert.Equal(scan.Max(p => p.Accuracy), report.BestAccuracy, 1e-12);
        Assert.Equal(scan.Max(p => p.F1), report.BestF1, 1e-12);

        int after = scan.FindIndex(p => p.Far - p.Frr >= 0);
        var (a, b) = (scan[after - 1], scan[after]);
        double t = (a.Frr - a.Far) / ((b.Far - b.Frr) - (a.Far - a.Frr));
        Assert.Equal(a.Far + t * (b.Far - a.Far), report.Eer, 1e-12);
        Assert.InRange(report.Eer, Math.Max(a.Far, b.Frr) - 1e-12, Math.Min(b.Far, a.Frr) + 1e-12);

        // and applying each reported threshold to the pairs reproduces the reported figure
        Assert.Equal(report.BestAccuracy, Decide(scores, isSame, largerIsCloser, report.BestAccuracyThreshold).Accuracy, 1e-12);
        Assert.Equal(report.BestF1, Decide(scores, isSame, largerIsCloser, report.BestF1Threshold).F1, 1e-12);
    }

    [Fact]
    public void Evaluate_TarAtFar_IsBestTarWithinTargetOnRandomData()
    {
        // Given random pairs with ties and several FAR targets
        var (scores, isSame) = RandomPairs(7, 400, largerIsCloser: false);
        double[] targets = [0, 0.01, 0.05, 0.2, 0.5, 1];

        // When evaluated
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: false, farTargets: targets);

        // Then each TAR is the best any threshold reaches without exceeding the target,
        // and the reported threshold really gives the reported TAR and FAR
        var scan = ThresholdScan(scores, isSame, largerIsCloser: false);
        for (int i = 0; i < targets.Length; i++)
        {
            var point = report.TarAtFar[i];
            Assert.Equal(targets[i], point.TargetFar);
            Assert.True(point.AchievedFar <= targets[i]);
            Assert.Equal(scan.Where(p => p.Far <= targets[i]).Max(p => 1 - p.Frr), point.Tar, 1e-12);
            var applied = Decide(scores, isSame, false, point.Threshold);
            Assert.Equal(point.Tar, 1 - applied.Frr, 1e-12);
            Assert.Equal(point.AchievedFar, applied.Far, 1e-12);
        }

        Assert.Equal(1.0, report.TarAtFar[^1].Tar);
    }

    [Fact]
    public void Evaluate_DefaultFarTargets_ReportsFourTargets()
    {
        // Given no FAR targets
        // When evaluated
        var report = VerificationMetrics.Evaluate(HandScores, HandIsSame, largerIsCloser: false);

        // Then the defaults are reported, in order
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1], report.TarAtFar.Select(p => p.TargetFar));
    }

    [Fact]
    public void Evaluate_RocCurve_RunsFromOriginToOneMonotonically()
    {
        // Given random pairs
        var (scores, isSame) = RandomPairs(8, 200, largerIsCloser: true);

        // When evaluated
        var roc = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: true).RocCurve;

        // Then the curve starts at (0,0), ends at (1,1), rates never fall, thresholds loosen (fall, for similarities),
        // and there is one point per distinct score plus one
        Assert.Equal((0.0, 0.0), (roc[0].Far, roc[0].Tar));
        Assert.Equal((1.0, 1.0), (roc[^1].Far, roc[^1].Tar));
        Assert.Equal(scores.Distinct().Count() + 1, roc.Count);
        for (int k = 1; k < roc.Count; k++)
        {
            Assert.True(roc[k].Far >= roc[k - 1].Far && roc[k].Tar >= roc[k - 1].Tar);
            Assert.True(roc[k].Threshold < roc[k - 1].Threshold);
        }
    }

    [Fact]
    public void DownsampleRoc_LongCurve_KeepsEndsOrderAndShape()
    {
        // Given a curve of about 2,000 points
        var random = new Random(11);
        int n = 2000;
        var isSame = Enumerable.Range(0, n).Select(i => i % 2 == 0).ToArray();
        var scores = isSame.Select(same => (float)(random.NextDouble() + (same ? 0 : 0.4))).ToArray();
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser: false);
        Assert.True(report.RocCurve.Count > 1000);

        // When downsampled to 50 points
        var small = report.DownsampleRoc(50);

        // Then at most 50 points remain, ends included, in the original order, with nearly the same area
        Assert.InRange(small.Count, 40, 50);
        Assert.Same(report.RocCurve[0], small[0]);
        Assert.Same(report.RocCurve[^1], small[^1]);
        var positions = small.Select(p => report.RocCurve.ToList().IndexOf(p)).ToArray();
        Assert.All(positions.Zip(positions.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        Assert.Equal(report.Auc, Trapezoid(small), 0.01);
    }

    [Fact]
    public void DownsampleRoc_ShortCurveOrTooFewPoints_WholeCurveOrThrows()
    {
        // Given a 7-point curve
        var report = VerificationMetrics.Evaluate(HandScores, HandIsSame, largerIsCloser: false);

        // When asked for more points than it has, or for fewer than 2
        // Then the whole curve comes back, or the request is refused
        Assert.Equal(report.RocCurve, report.DownsampleRoc(7));
        Assert.Equal(3, report.DownsampleRoc(3).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => report.DownsampleRoc(1));
    }

    // 8 pairs hand-counted for a threshold of 0.5 on similarities: same pairs score 0.9, 0.6, 0.4 (TP, TP, FN), different
    // pairs 0.7, 0.5, 0.2, 0.1, 0.3 (FP, FP at the threshold, TN, TN, TN); as distances, 1 − those.
    internal static readonly float[] ThresholdSimilarities = [0.9f, 0.6f, 0.4f, 0.7f, 0.5f, 0.2f, 0.1f, 0.3f];

    internal static readonly bool[] ThresholdIsSame = [true, true, true, false, false, false, false, false];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AtThreshold_HandCountedPairs_AccuracyAndF1AreTheCounts(bool largerIsCloser)
    {
        // Given the 8 hand-counted pairs, as similarities or distances
        var scores = largerIsCloser ? ThresholdSimilarities : ThresholdSimilarities.Select(s => 1 - s).ToArray();

        // When a threshold of 0.5 decides them
        var (accuracy, f1) = VerificationMetrics.AtThreshold(scores, ThresholdIsSame, Threshold(0.5, largerIsCloser));

        // Then TP = 2, FP = 2, FN = 1, TN = 3: accuracy 5/8, F1 = 2·2 / (2·2 + 2 + 1) = 4/7
        Assert.Equal(5.0 / 8, accuracy, 12);
        Assert.Equal(4.0 / 7, f1, 12);
    }

    [Fact]
    public void AtThreshold_NoPredictedOrActualPositives_GivesZeroF1()
    {
        var (accuracy, f1) = VerificationMetrics.AtThreshold([0.1f, 0.2f], [false, false], Threshold(0.5, true));
        Assert.Equal(1.0, accuracy);
        Assert.Equal(0.0, f1);
    }

    [Fact]
    public void AtThreshold_LengthsDifferOrNoPairs_Throws()
    {
        Assert.Throws<ArgumentException>(() => VerificationMetrics.AtThreshold([0.1f], [false, true], Threshold(0.5, true)));
        Assert.Throws<ArgumentException>(() => VerificationMetrics.AtThreshold([], [], Threshold(0.5, true)));
        Assert.Throws<ArgumentNullException>(() => VerificationMetrics.AtThreshold([0.1f], [true], null!));
    }

    [Fact]
    public void Evaluate_InvalidInputs_ThrowArgumentException()
    {
        // Given malformed inputs
        // When evaluated
        // Then each is refused with a message naming the problem
        var lengths = Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, 0.2f], [true], false));
        Assert.Contains("same length", lengths.Message);
        var noImpostor = Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, 0.2f], [true, true], false));
        Assert.Contains("impostor", noImpostor.Message);
        var noGenuine = Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, 0.2f], [false, false], false));
        Assert.Contains("genuine", noGenuine.Message);
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([], [], false));
        var nan = Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, float.NaN], [true, false], false));
        Assert.Contains("scores[1] is NaN", nan.Message);
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, float.PositiveInfinity], [true, false], false));
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, 0.2f], [true, false], false, farTargets: [1.5]));
        Assert.Throws<ArgumentException>(() => VerificationMetrics.Evaluate([0.1f, 0.2f], [true, false], false, farTargets: [double.NaN]));
    }

    /// <summary>A stored threshold with placeholder calibration figures.</summary>
    internal static DecisionThreshold Threshold(double value, bool largerIsCloser) => new()
    {
        Value = value, LargerIsCloser = largerIsCloser, Criterion = "best-accuracy", Accuracy = 0, FalseAcceptRate = 0, FalseRejectRate = 0, PairCount = 0,
    };

    internal static (float[] Scores, bool[] IsSame) RandomPairs(int seed, int n, bool largerIsCloser)
    {
        var random = new Random(seed);
        var scores = new float[n];
        var isSame = new bool[n];
        for (int i = 0; i < n; i++)
        {
            isSame[i] = random.NextDouble() < 0.4;
            int closeness = random.Next(0, 12) + (isSame[i] ? 5 : 0); // 17 levels: plenty of ties
            scores[i] = (largerIsCloser ? closeness : 20 - closeness) / 4f;
        }

        return (scores, isSame);
    }

    private static double PairCountingAuc(float[] scores, bool[] isSame, bool largerIsCloser)
    {
        double wins = 0;
        long pairs = 0;
        for (int g = 0; g < scores.Length; g++)
        {
            for (int i = 0; i < scores.Length; i++)
            {
                if (!isSame[g] || isSame[i])
                {
                    continue;
                }

                pairs++;
                bool closer = largerIsCloser ? scores[g] > scores[i] : scores[g] < scores[i];
                wins += closer ? 1 : scores[g] == scores[i] ? 0.5 : 0;
            }
        }

        return wins / pairs;
    }

    private record struct Decision(double Accuracy, double F1, double Far, double Frr);

    private static Decision Decide(float[] scores, bool[] isSame, bool largerIsCloser, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            bool accept = largerIsCloser ? scores[i] >= threshold : scores[i] <= threshold;
            if (isSame[i])
            {
                if (accept) tp++; else fn++;
            }
            else
            {
                if (accept) fp++; else tn++;
            }
        }

        return new Decision(
            (double)(tp + tn) / scores.Length, 2.0 * tp / (2 * tp + fp + fn), (double)fp / (fp + tn), (double)fn / (tp + fn));
    }

    /// <summary>Every candidate threshold, strictest first: accept nothing, then each distinct score in closeness order.</summary>
    private static List<Decision> ThresholdScan(float[] scores, bool[] isSame, bool largerIsCloser)
    {
        var candidates = scores.Select(s => (double)s).Distinct().OrderBy(s => largerIsCloser ? -s : s).ToList();
        candidates.Insert(0, largerIsCloser ? double.PositiveInfinity : double.NegativeInfinity);
        return candidates.Select(t => Decide(scores, isSame, largerIsCloser, t)).ToList();
    }

    private static double Trapezoid(IReadOnlyList<RocPoint> curve)
    {
        double area = 0;
        for (int k = 1; k < curve.Count; k++)
        {
            area += (curve[k].Far - curve[k - 1].Far) * (curve[k].Tar + curve[k - 1].Tar) / 2;
        }

        return area;
    }
}
