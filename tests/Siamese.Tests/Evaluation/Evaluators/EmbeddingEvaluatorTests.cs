using Siamese.Distances;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Evaluation.Evaluators;

[Collection(LiveTensorCollection.Name)]
public class EmbeddingEvaluatorTests
{
    private const double Tolerance = 1e-9;

    // Points on a line (second coordinate 0), L2, leave-one-out; k = max R = 2 neighbours each:
    //   i  x    label  R  nearest others (label)              rel in first R  AP@R               R-prec  P@1
    //   0  0    0      2  1 (0), 3.2 (0)                        1 1            1                  1       1
    //   1  1    0      2  0 (0), 3.2 (0)                        1 1            1                  1       1
    //   2  5    1      1  6 (1)                                 1              1                  1       1
    //   3  6    1      1  5 (1)                                 1              1                  1       1
    //   4  3.2  0      2  5 (1) d1.8, 1 (0) d2.2                0 1            (1/2)(0 + 1/2)=1/4 1/2     0
    //   5  100  7      0  skipped
    // Means over 5 queries: P@1 = 4/5, R-precision = 4.5/5 = 0.9, MAP@R = 4.25/5 = 0.85.
    [Fact]
    public void EvaluateRetrieval_HandWorkedLine_MatchesHandComputation()
    {
        // Given the points above
        using var embeddings = Line([0, 1, 5, 6, 3.2f, 100]);
        int[] labels = [0, 0, 1, 1, 0, 7];

        // When evaluated leave-one-out
        var report = EmbeddingEvaluator.EvaluateRetrieval(embeddings, labels, new L2Distance());

        // Then the figures match the table
        Assert.Equal(0.8, report.PrecisionAt1, Tolerance);
        Assert.Equal(0.9, report.RPrecision, Tolerance);
        Assert.Equal(0.85, report.MapAtR, Tolerance);
        Assert.Equal(5, report.QueryCount);
        Assert.Equal(1, report.SkippedQueryCount);
    }

    // Gallery on a line: x = 0, 1, 4, 10, 11 with labels 0, 0, 1, 1, 1. Test points:
    //   3.5 (label 0): k=1 -> 4 (1) wrong;   k=3 -> 4 (1), 1 (0), 0 (0) -> 0 right
    //   9   (label 1): k=1 -> 10 (1) right;  k=3 -> 10, 11, 4 -> 1 right
    //   0.2 (label 0): k=1 -> 0 (0) right;   k=3 -> 0, 1, 4 -> 0 right
    // Retrieval within the test set: labels 0, 1, 0 -> R = 1, 0, 1; 3.5 and 0.2 are each other's nearest -> all 1.
    [Theory]
    [InlineData(1, 2.0 / 3)]
    [InlineData(3, 1.0)]
    public void Evaluate_GalleryOnLine_KnnAndRetrievalMatchHand(int k, double expectedKnn)
    {
        // Given the gallery and test points above
        using var gallery = Line([0, 1, 4, 10, 11]);
        using var test = Line([3.5f, 9, 0.2f]);

        // When evaluated with k neighbours
        var report = EmbeddingEvaluator.Evaluate(test, [0, 1, 0], gallery, [0, 0, 1, 1, 1], new L2Distance(), k);

        // Then the k-NN accuracy matches the table and retrieval scored the two queries that have a partner
        Assert.Equal(k, report.K);
        Assert.Equal(expectedKnn, report.KnnAccuracy, Tolerance);
        Assert.Equal(1.0, report.Retrieval.MapAtR, Tolerance);
        Assert.Equal(report.Retrieval.MapAtR, report.PrimaryMetric);
        Assert.Equal(2, report.Retrieval.QueryCount);
        Assert.Equal(1, report.Retrieval.SkippedQueryCount);
    }

    [Fact]
    public void EvaluateRetrieval_RandomClustersCosine_MatchesLoopOracle()
    {
        // Given 30 noisy points around 3 directions, with uneven class sizes
        var random = new Random(21);
        int[] labels = Enumerable.Range(0, 30).Select(i => i < 14 ? 0 : i < 24 ? 1 : 2).ToArray();
        float[][] centres = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
        var rows = labels.Select(l => centres[l].Select(c => c + (float)(random.NextDouble() * 1.6 - 0.8)).ToArray()).ToArray();
        using var embeddings = torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, 3]);

        // When evaluated
        var report = EmbeddingEvaluator.EvaluateRetrieval(embeddings, labels, new CosineSimilarity());

        // Then it equals the metrics computed from neighbours ranked by a plain loop (largest cosine first)
        int[] relevant = labels.Select(l => labels.Count(m => m == l) - 1).ToArray();
        var neighbourLabels = Enumerable.Range(0, rows.Length)
            .Select(q => Enumerable.Range(0, rows.Length).Where(r => r != q)
                .OrderByDescending(r => Cosine(rows[q], rows[r])).Select(r => labels[r]).ToArray())
            .ToArray();
        var expected = RetrievalMetrics.Compute(labels, neighbourLabels, relevant);
        Assert.InRange(expected.MapAtR, 0.2, 0.95); // neither trivial nor hopeless
        Assert.Equal(expected.MapAtR, report.MapAtR, Tolerance);
        Assert.Equal(expected.RPrecision, report.RPrecision, Tolerance);
        Assert.Equal(expected.PrecisionAt1, report.PrecisionAt1, Tolerance);
    }

    [Fact]
    public void Evaluate_LeavesNoLiveTensors()
    {
        // Given embeddings made before the evaluation
        using var gallery = Line([0, 1, 4, 10, 11]);
        using var test = Line([3.5f, 9, 0.2f, 0.3f]);
        long before = TorchEngine.LiveTensorCount;

        // When evaluated
        _ = EmbeddingEvaluator.Evaluate(test, [0, 1, 0, 0], gallery, [0, 0, 1, 1, 1], new L2Distance(), k: 3);

        // Then no tensor outlives it
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }

    [Fact]
    public void Evaluate_InvalidInputs_ThrowArgumentException()
    {
        // Given embeddings and labels that disagree, or labels that never repeat
        using var points = Line([0, 1, 2]);
        var l2 = new L2Distance();

        // When evaluated
        // Then each is refused
        Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.EvaluateRetrieval(points, [0, 0], l2));
        var lonely = Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.EvaluateRetrieval(points, [0, 1, 2], l2));
        Assert.Contains("more than once", lonely.Message);
        Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(points, [0, 0, 1], points, [0, 0], l2));
        Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(points, [0, 0, 1], points, [0, 0, 1], l2, k: 4));
    }

    private static Tensor Line(float[] xs) =>
        torch.tensor(xs.SelectMany(x => new[] { x, 0f }).ToArray(), [xs.Length, 2]);

    private static double Cosine(float[] a, float[] b)
    {
        double dot = a.Zip(b, (x, y) => (double)x * y).Sum();
        return dot / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));
    }
}
