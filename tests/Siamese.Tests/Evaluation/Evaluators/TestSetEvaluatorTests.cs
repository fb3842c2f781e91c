using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Networks;
using static TorchSharp.torch;

namespace Siamese.Tests.Evaluation.Evaluators;

[Collection(LiveTensorCollection.Name)]
public class TestSetEvaluatorTests
{
    private static readonly InputNormalization Normalization = new(0.5, 0.25);

    private static TwinNetwork NewNetwork()
    {
        TorchEngine.Seed(6);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [8], EmbeddingDimension = 3, BatchNorm = false };
        return new TwinNetwork(spec.Build(), new L2Distance());
    }

    private static LabeledImageSet Images(int count, int classes, int seed)
    {
        var pixels = new byte[count * 8];
        new Random(seed).NextBytes(pixels);
        return new LabeledImageSet(pixels, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), 1, 2, 4);
    }

    [Fact]
    public void Evaluate_EachPart_EqualsTheEvaluatorsCalledOnTheirOwn()
    {
        // Given a network, 32 test images of 4 classes and a gallery of 16
        var network = NewNetwork();
        var test = Images(32, 4, seed: 1);
        var gallery = Images(16, 4, seed: 2);
        var fewShot = new FewShotOptions { Way = 3, Episodes = 50, Seed = 3 };
        var openSet = new OpenSetOptions { KnownClasses = 2, Trials = 40, ProbesPerClass = 2, Seed = 3 };
        long before = TorchEngine.LiveTensorCount;

        // When the test set is evaluated as a whole
        var result = new TestSetEvaluator(test, gallery, Normalization) { PairCount = 60, Seed = 5, FewShot = fewShot, OpenSet = openSet, MapRows = [0, 5, 9] }
            .Evaluate(network);

        // Then no tensor outlives it, and each part equals what the part's own evaluator gives on the same data (up to
        // float rounding: libtorch's first call of a kernel in a process may round differently from later calls)
        Assert.Equal(before, TorchEngine.LiveTensorCount);
        var report = Assert.IsType<TestSetReport>(result.Report);
        var alone = TwinEvaluator.Evaluate(network, test, gallery, Normalization, 60, 5);
        Assert.Equal(alone.PairIsSame, report.Verification.PairIsSame);
        Assert.All(alone.PairScores.Zip(report.Verification.PairScores), p => Assert.Equal(p.First, p.Second, 1e-5));
        Assert.Equal(alone.Verification.Auc, result[MetricNames.Auc], 1e-9);
        Assert.Equal(alone.Embeddings!.Retrieval.PrecisionAt1, result[MetricNames.NearestNeighbor], 1e-9);
        Assert.Equal(alone.Embeddings.Retrieval.MapAtR, result[MetricNames.MapAtR], 1e-9);
        using var scope = NewDisposeScope();
        var embedded = TwinEvaluator.EmbedAll(network, test, Normalization);
        Assert.Equal(FewShotEvaluator.Evaluate(embedded, test.Labels, network.Distance, fewShot).Accuracy, result[MetricNames.FewShot], 1e-9);
        Assert.Equal(OpenSetEvaluator.Evaluate(embedded, test.Labels, network.Distance, openSet).Accuracy, result[MetricNames.OpenSetAccuracy], 1e-9);
        var row5 = embedded[5].data<float>().ToArray();
        double norm = Math.Sqrt(row5.Sum(v => (double)v * v));
        Assert.All(Enumerable.Range(0, 3), j => Assert.Equal(row5[j] / norm, report.MapEmbeddings[3 + j], 1e-5));
        Assert.Empty(report.Skipped);
    }

    [Fact]
    public void Evaluate_ClassesTooSmallForTheEpisodes_SkipsThemWithTheReasonAndKeepsTheRest()
    {
        // Given 16 test images of 4 classes (4 each), episodes that need 5 per class and open-set trials that need 3
        var network = NewNetwork();
        var test = Images(16, 4, seed: 1);

        // When it is evaluated without a gallery
        var evaluator = new TestSetEvaluator(test, null, Normalization)
        {
            PairCount = 20,
            FewShot = new FewShotOptions { Way = 2, Shots = 4, QueriesPerClass = 1 },
            OpenSet = new OpenSetOptions { KnownClasses = 2, ProbesPerClass = 2, Trials = 20 },
        };
        var result = evaluator.Evaluate(network);

        // Then the episodes are skipped with the sampler's reason, the verification and open-set figures stand, and
        // retrieval (which needs the gallery) is NaN
        var report = Assert.IsType<TestSetReport>(result.Report);
        var (part, reason) = Assert.Single(report.Skipped);
        Assert.Equal("few-shot episodes", part);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Null(report.FewShot);
        Assert.True(double.IsNaN(result[MetricNames.FewShot]));
        Assert.NotNull(report.OpenSet);
        Assert.InRange(result[MetricNames.Auc], 0, 1);
        Assert.True(double.IsNaN(result[MetricNames.NearestNeighbor]));
    }
}
