using Siamese.Distances;
using Siamese.Losses;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class ContrastiveLossTests
{
    [Fact]
    public void PerPair_DistanceScores_MatchHandComputedValues()
    {
        // Given L2 distances 0.5 (same), 0.3 (different), 1.5 (different) and margin 1
        var loss = new ContrastiveLoss(new L2Distance(), margin: 1.0, positiveMargin: 0.0);
        using var scores = tensor(new float[] { 0.5f, 0.3f, 1.5f });
        using var same = tensor(new[] { true, false, false });

        // When each pair's loss is computed
        var actual = ToArray(loss.PerPair(scores, same));

        // Then same pays ½·0.5² = 0.125; close impostor ½·(1 − 0.3)² = 0.245; far impostor nothing
        Assert.Equal(0.125f, actual[0], 6);
        Assert.Equal(0.245f, actual[1], 6);
        Assert.Equal(0f, actual[2], 6);
    }

    [Fact]
    public void PerPair_PositiveMargin_ForgivesCloseGenuinePairs()
    {
        var loss = new ContrastiveLoss(new L2Distance(), margin: 1.0, positiveMargin: 0.2);
        using var scores = tensor(new float[] { 0.1f, 0.5f });
        using var same = tensor(new[] { true, true });

        var actual = ToArray(loss.PerPair(scores, same));

        Assert.Equal(0f, actual[0], 6);
        Assert.Equal(0.5f * 0.3f * 0.3f, actual[1], 6);
    }

    [Fact]
    public void PerPair_Similarity_MirrorsTheDirection()
    {
        // Given cosine similarities with positive margin 1 and margin 0
        var loss = new ContrastiveLoss(new CosineSimilarity(), margin: 0.0, positiveMargin: 1.0);
        using var scores = tensor(new float[] { 0.6f, 0.4f, -0.5f });
        using var same = tensor(new[] { true, false, false });

        var actual = ToArray(loss.PerPair(scores, same));

        // Then genuine pays ½·(1 − 0.6)², a similar impostor ½·0.4², a dissimilar one nothing
        Assert.Equal(0.08f, actual[0], 6);
        Assert.Equal(0.08f, actual[1], 6);
        Assert.Equal(0f, actual[2], 6);
    }

    [Fact]
    public void Compute_RandomEmbeddings_MatchesLoopOracleAndItsGradient()
    {
        // Given random embeddings, alternating relations, Euclidean distance and margin 1.5
        var a = RandomMatrix(8, 3, seed: 11);
        var b = RandomMatrix(8, 3, seed: 12);
        var same = Enumerable.Range(0, 8).Select(i => i % 2 == 0).ToArray();
        const double m = 1.5;
        var loss = new ContrastiveLoss(new L2Distance(), m, 0.0);
        using var ta = ToTensor(a, requiresGrad: true);

        // When the mean loss is computed and differentiated
        var value = loss.Compute(ta, ToTensor(b), tensor(same));
        value.backward();

        // Then it equals the loop's mean of ½D² / ½max(0, m − D)², and dL/da matches the closed form
        double expected = 0;
        var grad = ToArray(ta.grad!);
        for (int i = 0; i < 8; i++)
        {
            double d = Math.Sqrt(a[i].Zip(b[i], (x, y) => (x - y) * (x - y)).Sum());
            expected += same[i] ? 0.5 * d * d : 0.5 * Math.Pow(Math.Max(0, m - d), 2);
            double dLdD = (same[i] ? d : -Math.Max(0, m - d)) / 8;
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(dLdD * (a[i][k] - b[i][k]) / d, grad[(i * 3) + k], 4);
            }
        }

        Assert.Equal(expected / 8, value.item<float>(), 5);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(-1.0, 0.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, -0.1)]
    public void Constructor_InvalidMarginsForDistance_Throws(double margin, double positiveMargin)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ContrastiveLoss(new L2Distance(), margin, positiveMargin));
    }

    [Fact]
    public void Constructor_SimilarityWithPositiveMarginBelowMargin_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ContrastiveLoss(new CosineSimilarity(), 0.5, 0.2));
        Assert.Contains("cosine", ex.Message);
    }
}
