using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Tests.Evaluation.Metrics;

namespace Siamese.Tests.Evaluation.Evaluators;

public class TwinEvaluatorTests
{
    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void EvaluatePairs_WithAThreshold_AccuracyIsTheShareOfPairsTheThresholdDecidesRight(double quantile)
    {
        // Given an untrained network, 12 random 2 x 4 images of 3 classes, 40 balanced pairs over them, and a
        // threshold at a quantile of the pairs' distances
        TorchEngine.Seed(4);
        var network = new TwinNetwork(
            new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [8], EmbeddingDimension = 3, BatchNorm = false }.Build(), new L2Distance());
        var random = new Random(4);
        var pixels = new byte[12 * 8];
        random.NextBytes(pixels);
        var images = new LabeledImageSet(pixels, Enumerable.Range(0, 12).Select(i => i % 3).ToArray(), 1, 2, 4);
        var pairs = new BalancedPairSampler(images.Labels.ToArray(), seed: 4).Next(40);
        var normalization = new InputNormalization(0.5, 0.25);
        var unthresholded = TwinEvaluator.EvaluatePairs(network, images, pairs, normalization);
        var sorted = unthresholded.PairScores.Order().ToArray();
        var threshold = VerificationMetricsTests.Threshold(sorted[(int)(quantile * sorted.Length)], largerIsCloser: false);

        // When the pairs are evaluated with the threshold
        var report = TwinEvaluator.EvaluatePairs(network, images, pairs, normalization, threshold);

        // Then the accuracy is the share of pairs whose distance is at most the threshold exactly when they are genuine
        int right = Enumerable.Range(0, pairs.Count).Count(i => (report.PairScores[i] <= threshold.Value) == report.PairIsSame[i]);
        Assert.Equal((double)right / pairs.Count, report.ThresholdAccuracy!.Value, 12);
        Assert.Equal(pairs.IsSame(), report.PairIsSame);
        Assert.Null(unthresholded.ThresholdAccuracy);
    }
}
