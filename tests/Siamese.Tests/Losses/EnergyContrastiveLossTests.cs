using Siamese.Distances;
using Siamese.Losses;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class EnergyContrastiveLossTests
{
    [Fact]
    public void PerPair_HandComputedValues_FollowThePaper()
    {
        // Given Q = 4 and energies 1 (genuine) and 2 (impostor)
        var loss = new EnergyContrastiveLoss(new L1Distance(), upperBound: 4);
        using var energies = tensor(new float[] { 1f, 2f });
        using var same = tensor(new[] { true, false });

        var actual = ToArray(loss.PerPair(energies, same));

        // Then L_G = (2/Q)·E² = 0.5 and L_I = 2Q·exp(−2.77·E/Q) = 8·exp(−1.385)
        Assert.Equal(0.5f, actual[0], 6);
        Assert.Equal(8 * Math.Exp(-1.385), actual[1], 5);
    }

    [Fact]
    public void Compute_RandomEmbeddings_MatchesLoopOracleAndItsGradient()
    {
        // Given random embeddings scored by L1 with Q = 6
        var a = RandomMatrix(6, 4, seed: 21);
        var b = RandomMatrix(6, 4, seed: 22);
        var same = new[] { true, false, true, false, false, true };
        const double q = 6;
        var loss = new EnergyContrastiveLoss(new L1Distance(), q);
        using var ta = ToTensor(a, requiresGrad: true);

        var value = loss.Compute(ta, ToTensor(b), tensor(same));
        value.backward();

        // Then the mean and the gradient dL/da = dL/dE · sign(a − b) match the loop
        double expected = 0;
        var grad = ToArray(ta.grad!);
        for (int i = 0; i < 6; i++)
        {
            double e = a[i].Zip(b[i], (x, y) => Math.Abs(x - y)).Sum();
            expected += same[i] ? 2 / q * e * e : 2 * q * Math.Exp(-2.77 * e / q);
            double dLdE = (same[i] ? 4 / q * e : -2 * 2.77 * Math.Exp(-2.77 * e / q)) / 6;
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(dLdE * Math.Sign(a[i][k] - b[i][k]), grad[(i * 4) + k], 4);
            }
        }

        Assert.Equal(expected / 6, value.item<float>(), 4);
    }

    [Fact]
    public void Constructor_Similarity_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EnergyContrastiveLoss(new CosineSimilarity(), 2));
        Assert.Contains("similarity", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidBound_Throws(double q)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnergyContrastiveLoss(new L1Distance(), q));
    }

    [Fact]
    public void BoundForNormalizedEmbeddings_L1_IsTwiceRootOfDimension()
    {
        Assert.Equal(8.0, EnergyContrastiveLoss.BoundForNormalizedEmbeddings(new L1Distance(), 16));
        Assert.Null(EnergyContrastiveLoss.BoundForNormalizedEmbeddings(new CosineSimilarity(), 16));
    }
}
