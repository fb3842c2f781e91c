using Siamese.Calibration;
using Siamese.Tests.Evaluation.Metrics;

namespace Siamese.Tests.Calibration;

public class ThresholdCalibratorTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Calibrate_BestAccuracyOnSeparableDistances_ThresholdInGapSeparatesAll()
    {
        // Given distances where genuine pairs (≤ 0.35) are all closer than impostors (≥ 0.6)
        float[] scores = [0.35f, 0.1f, 0.9f, 0.2f, 0.6f, 1.2f];
        bool[] isSame = [true, true, false, true, false, false];

        // When calibrated for best accuracy
        var threshold = ThresholdCalibrator.Calibrate(scores, isSame, largerIsCloser: false, ThresholdCriterion.BestAccuracy);

        // Then the threshold is the midpoint of the gap and decides every pair correctly
        Assert.Equal(0.475, threshold.Value, 1e-6);
        Assert.False(threshold.LargerIsCloser);
        Assert.Equal("best-accuracy", threshold.Criterion);
        Assert.Equal((1.0, 0.0, 0.0, 6), (threshold.Accuracy, threshold.FalseAcceptRate, threshold.FalseRejectRate, threshold.PairCount));
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Equal(isSame[i], threshold.IsSame(scores[i]));
        }
    }

    [Fact]
    public void Calibrate_SeparableSimilarities_AcceptsLargeScores()
    {
        // Given cosine similarities where genuine pairs score high
        float[] scores = [0.9f, 0.8f, 0.7f, 0.2f, 0.1f, -0.3f];
        bool[] isSame = [true, true, true, false, false, false];

        // When calibrated for best accuracy as similarities
        var threshold = ThresholdCalibrator.Calibrate(scores, isSame, largerIsCloser: true, ThresholdCriterion.BestAccuracy);

        // Then the threshold sits between 0.2 and 0.7 and scores above it are "same"
        Assert.Equal(0.45, threshold.Value, 1e-6);
        Assert.True(threshold.LargerIsCloser);
        Assert.Equal(1.0, threshold.Accuracy);
        Assert.True(threshold.IsSame(0.7));
        Assert.True(threshold.IsSame(1.0));
        Assert.False(threshold.IsSame(0.2));
        Assert.False(threshold.IsSame(-1.0));
        Assert.False(threshold.IsSame(double.NaN));
    }

    [Theory]
    [InlineData(0.01, false)]
    [InlineData(0.05, false)]
    [InlineData(0.2, false)]
    [InlineData(0.05, true)]
    [InlineData(0.2, true)]
    public void Calibrate_TargetFar_AchievedFarWithinTargetAndTarHighestPossible(double far, bool largerIsCloser)
    {
        // Given random pairs with many ties
        var (scores, isSame) = VerificationMetricsTests.RandomPairs(seed: 31, 400, largerIsCloser);

        // When calibrated for the target FAR
        var threshold = ThresholdCalibrator.Calibrate(scores, isSame, largerIsCloser, ThresholdCriterion.TargetFalseAcceptRate(far));

        // Then the FAR it reports, and the FAR its rule really gives, is within the target,
        // and no threshold at any score (checked by brute force) accepts more genuine pairs within the target
        var applied = Apply(threshold, scores, isSame);
        Assert.True(threshold.FalseAcceptRate <= far);
        Assert.Equal(threshold.FalseAcceptRate, applied.Far, Tolerance);
        Assert.Equal(threshold.FalseRejectRate, applied.Frr, Tolerance);
        double bestTar = 0;
        foreach (double candidate in scores.Distinct())
        {
            var other = Apply(threshold with { Value = candidate }, scores, isSame);
            if (other.Far <= far)
            {
                bestTar = Math.Max(bestTar, 1 - other.Frr);
            }
        }

        Assert.InRange(bestTar, 0.05, 0.99); // the target bites: neither nothing nor everything is accepted
        Assert.Equal(bestTar, 1 - threshold.FalseRejectRate, Tolerance);
        Assert.Equal($"far<={far}", threshold.Criterion);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Calibrate_RandomPairsWithTies_IsSameReproducesReportedFigures(bool largerIsCloser)
    {
        // Given random pairs with many ties
        var (scores, isSame) = VerificationMetricsTests.RandomPairs(seed: 32, 300, largerIsCloser);

        // When calibrated for best accuracy
        var threshold = ThresholdCalibrator.Calibrate(scores, isSame, largerIsCloser, ThresholdCriterion.BestAccuracy);

        // Then applying IsSame to the same pairs gives exactly the reported accuracy, FAR and FRR,
        // and no threshold at any score does better
        var applied = Apply(threshold, scores, isSame);
        Assert.Equal(threshold.Accuracy, applied.Accuracy, Tolerance);
        Assert.Equal(threshold.FalseAcceptRate, applied.Far, Tolerance);
        Assert.Equal(threshold.FalseRejectRate, applied.Frr, Tolerance);
        Assert.Equal(scores.Length, threshold.PairCount);
        double best = scores.Distinct().Max(s => Apply(threshold with { Value = s }, scores, isSame).Accuracy);
        Assert.True(threshold.Accuracy >= best);
        Assert.InRange(threshold.Accuracy, 0.6, 0.99);
    }

    [Fact]
    public void Calibrate_TargetBelowOneImpostor_RejectsEveryImpostor()
    {
        // Given 3 impostors, so the smallest non-zero FAR is 1/3, and a target of 0.1
        float[] scores = [0.1f, 0.3f, 0.2f, 0.4f, 0.5f, 0.6f];
        bool[] isSame = [true, false, true, true, false, false];

        // When calibrated
        var threshold = ThresholdCalibrator.Calibrate(scores, isSame, largerIsCloser: false, ThresholdCriterion.TargetFalseAcceptRate(0.1));

        // Then only FAR = 0 qualifies: the two genuine pairs before the first impostor (0.3) are accepted
        Assert.Equal(0.0, threshold.FalseAcceptRate);
        Assert.Equal(1.0 / 3, threshold.FalseRejectRate, Tolerance);
        Assert.Equal(0.25, threshold.Value, 1e-6);
    }

    [Fact]
    public void Calibrate_InvalidInputs_Throw()
    {
        // Given malformed inputs
        // When calibrated
        // Then each is refused
        Assert.Throws<ArgumentNullException>(() => ThresholdCalibrator.Calibrate([0.1f, 0.2f], [true, false], false, null!));
        Assert.Throws<ArgumentException>(() => ThresholdCalibrator.Calibrate([0.1f, 0.2f], [true], false, ThresholdCriterion.BestAccuracy));
        Assert.Throws<ArgumentException>(() => ThresholdCalibrator.Calibrate([0.1f, 0.2f], [true, true], false, ThresholdCriterion.BestAccuracy));
        Assert.Throws<ArgumentException>(() => ThresholdCalibrator.Calibrate([0.1f, float.NaN], [true, false], false, ThresholdCriterion.BestAccuracy));
    }

    private static (double Accuracy, double Far, double Frr) Apply(DecisionThreshold threshold, float[] scores, bool[] isSame)
    {
        int correct = 0, falseAccepts = 0, falseRejects = 0;
        int genuine = isSame.Count(x => x);
        for (int i = 0; i < scores.Length; i++)
        {
            bool same = threshold.IsSame(scores[i]);
            correct += same == isSame[i] ? 1 : 0;
            falseAccepts += same && !isSame[i] ? 1 : 0;
            falseRejects += !same && isSame[i] ? 1 : 0;
        }

        return ((double)correct / scores.Length, (double)falseAccepts / (scores.Length - genuine), (double)falseRejects / genuine);
    }
}
