using Siamese.Evaluation.Projections;

namespace Siamese.Tests.Evaluation.Projections;

public class TsneEngineTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(30.0)]
    [InlineData(80.0)]
    public void CalibrateRow_RandomDistances_HitsTargetEntropy(double perplexity)
    {
        // Given squared distances from point 3 to 100 random points, spanning several orders of magnitude
        var random = new Random(12);
        var distances = Enumerable.Range(0, 100).Select(_ => Math.Pow(10, (random.NextDouble() * 4) - 1)).ToArray();
        distances[3] = 0;
        var probabilities = new double[100];

        // When the row is calibrated to the perplexity
        double beta = TsneEngine.CalibrateRow(distances, 3, Math.Log(perplexity), probabilities, out double entropy);

        // Then the entropy of the written probabilities is log(perplexity), they sum to 1, the point itself gets 0,
        // and they are the Gaussian of the returned precision
        double h = -probabilities.Where(p => p > 0).Sum(p => p * Math.Log(p));
        Assert.Equal(Math.Log(perplexity), h, 1e-4);
        Assert.Equal(h, entropy, 1e-9);
        Assert.Equal(1.0, probabilities.Sum(), 1e-12);
        Assert.Equal(0.0, probabilities[3]);
        double norm = Enumerable.Range(0, 100).Where(j => j != 3).Sum(j => Math.Exp(-beta * distances[j]));
        Assert.Equal(Math.Exp(-beta * distances[10]) / norm, probabilities[10], 1e-9);
    }

    [Fact]
    public void CalibrateRow_HugeDistances_StaysFinite()
    {
        // Given squared distances around 1e6, where exp(−d²) underflows without a shift
        var distances = Enumerable.Range(0, 20).Select(j => 1e6 + j).ToArray();
        var probabilities = new double[20];

        // When calibrated to perplexity 5
        TsneEngine.CalibrateRow(distances, 0, Math.Log(5), probabilities, out double entropy);

        // Then the probabilities are finite and hit the entropy
        Assert.All(probabilities, p => Assert.True(double.IsFinite(p)));
        Assert.Equal(Math.Log(5), entropy, 1e-4);
    }

    [Fact]
    public void JointProbabilities_RandomPoints_AreSymmetricWithZeroDiagonalAndSumToOne()
    {
        // Given 30 random 4-D points
        var random = new Random(13);
        var data = Enumerable.Range(0, 120).Select(_ => random.NextDouble()).ToArray();

        // When their joint affinities are computed at perplexity 8
        var p = TsneEngine.JointProbabilities(data, 30, 4, perplexity: 8);
        var conditional = TsneEngine.ConditionalProbabilities(data, 30, 4, perplexity: 8);

        // Then p_ij = p_ji = (p(j|i) + p(i|j)) / 2n, the diagonal is 0 and the total is 1
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(0f, p[(i * 30) + i]);
            for (int j = 0; j < 30; j++)
            {
                Assert.Equal(p[(i * 30) + j], p[(j * 30) + i]);
                if (i != j)
                {
                    double expected = Math.Max((conditional[(i * 30) + j] + conditional[(j * 30) + i]) / 60, 1e-12);
                    Assert.Equal(expected, p[(i * 30) + j], 1e-7 * expected);
                }
            }
        }

        Assert.Equal(1.0, p.Sum(v => (double)v), 1e-5);
    }

    [Fact]
    public void KlDivergence_SmallMap_MatchesLoopOracle()
    {
        // Given affinities of 12 random points and a random map
        var random = new Random(14);
        var data = Enumerable.Range(0, 36).Select(_ => random.NextDouble()).ToArray();
        var p = TsneEngine.JointProbabilities(data, 12, 3, perplexity: 4);
        var x = Enumerable.Range(0, 12).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 12).Select(_ => random.NextDouble()).ToArray();

        // When the KL divergence is computed
        double kl = TsneEngine.KlDivergence(p, 12, x, y);

        // Then it is Σ p log(p / q) with q the normalised Student-t kernel, by plain loops
        double z = 0;
        for (int i = 0; i < 12; i++)
        {
            for (int j = 0; j < 12; j++)
            {
                z += i == j ? 0 : 1 / (1 + Math.Pow(x[i] - x[j], 2) + Math.Pow(y[i] - y[j], 2));
            }
        }

        double expected = 0;
        for (int i = 0; i < 12; i++)
        {
            for (int j = 0; j < 12; j++)
            {
                if (i != j)
                {
                    double q = 1 / (1 + Math.Pow(x[i] - x[j], 2) + Math.Pow(y[i] - y[j], 2)) / z;
                    expected += p[(i * 12) + j] * Math.Log(p[(i * 12) + j] / q);
                }
            }
        }

        Assert.Equal(expected, kl, 1e-9);
    }
}
