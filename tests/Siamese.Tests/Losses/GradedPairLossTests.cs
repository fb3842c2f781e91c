using Siamese.Distances;
using Siamese.Engine;
using Siamese.Losses;
using Siamese.Samplers;
using static Siamese.Tests.TensorTestData;
using static TorchSharp.torch;

namespace Siamese.Tests.Losses;

public class GradedPairLossTests
{
    private static readonly int[] Left = [0, 1, 2, 3, 4];
    private static readonly int[] Right = [5, 2, 6, 0, 1];
    private static readonly float[] Targets = [0.9f, 0.2f, 0.6f, 0.2f, 0.0f];

    [Theory]
    [InlineData("cosine")]
    [InlineData("exp-l1")]
    public void ScoreRegression_RandomPairs_MatchesLoopOracleAndItsGradient(string name)
    {
        // Given 7 embeddings and 5 scored pairs
        TorchEngine.EnsureInitialized();
        var rows = RandomMatrix(7, 3, seed: 21, scale: 0.5);
        var loss = new ScoreRegressionLoss(Distance.FromName(name));
        using var embeddings = ToTensor(rows, requiresGrad: true);

        // When the loss and its gradient are computed
        var value = loss.Compute(embeddings, new ScoredPairIndices(Left, Right, Targets));
        value.backward();

        // Then both match the mean of (similarity − target)² computed with loops
        double Oracle(double[][] x) => Enumerable.Range(0, Left.Length)
            .Average(p => Math.Pow(OracleScore(name, x[Left[p]], x[Right[p]]) - Targets[p], 2));
        Assert.Equal(Oracle(rows), value.item<float>(), 5);
        AssertGradientMatchesOracle(rows, Oracle, embeddings.grad!);
    }

    [Fact]
    public void CoSent_RandomPairs_MatchesLoopOracleAndItsGradient()
    {
        // Given 7 embeddings and 5 scored pairs with a tie in the targets (0.2, 0.2), which must not count
        TorchEngine.EnsureInitialized();
        var rows = RandomMatrix(7, 3, seed: 22);
        var loss = new CoSentLoss(new CosineSimilarity(), scale: 5);
        using var embeddings = ToTensor(rows, requiresGrad: true);

        // When the loss and its gradient are computed
        var value = loss.Compute(embeddings, new ScoredPairIndices(Left, Right, Targets));
        value.backward();

        // Then both match log(1 + Σ over target_i > target_j of exp(λ(s_j − s_i))) computed with loops
        double Oracle(double[][] x)
        {
            var s = Enumerable.Range(0, Left.Length).Select(p => OracleScore("cosine", x[Left[p]], x[Right[p]])).ToArray();
            double sum = 1;
            for (int i = 0; i < s.Length; i++)
            {
                for (int j = 0; j < s.Length; j++)
                {
                    if (Targets[i] > Targets[j])
                    {
                        sum += Math.Exp(5 * (s[j] - s[i]));
                    }
                }
            }

            return Math.Log(sum);
        }

        Assert.Equal(Oracle(rows), value.item<float>(), 4);
        AssertGradientMatchesOracle(rows, Oracle, embeddings.grad!);
    }

    [Fact]
    public void CoSent_PerfectlyOrderedLargeMargins_IsNearZero()
    {
        // Given similarities in the same order as the targets, far apart
        var loss = new CoSentLoss(new CosineSimilarity());

        // When the loss is computed from them
        var value = loss.Compute(tensor(new[] { 0.9f, 0.1f, -0.8f }), tensor(new[] { 1.0f, 0.5f, 0.0f }));

        // Then it is log(1 + e^-16 + e^-34 + e^-18) ≈ 0
        Assert.InRange(value.item<float>(), 0, 1e-6);
    }

    [Fact]
    public void Constructors_DistanceInsteadOfSimilarity_AreRefused()
    {
        Assert.Contains("is a distance", Assert.Throws<ArgumentException>(() => new ScoreRegressionLoss(new L2Distance())).Message);
        Assert.Contains("is a distance", Assert.Throws<ArgumentException>(() => new CoSentLoss(new L1Distance())).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoSentLoss(new CosineSimilarity(), scale: 0));
    }

    [Fact]
    public void Compute_LabelsOnly_ExplainsThatScoredPairsAreNeeded()
    {
        TorchEngine.EnsureInitialized();
        var loss = new ScoreRegressionLoss(new CosineSimilarity());
        using var embeddings = randn(4, 3);
        var ex = Assert.Throws<ArgumentException>(() => loss.Compute(embeddings, new MetricBatch([0, 1, 2, 3], [0, 0, 1, 1], null)));
        Assert.Contains("graded scores", ex.Message);
    }

    [Fact]
    public void ScoredPairIndices_ScoreOutsideUnitInterval_IsRefusedNamingThePair()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoredPairIndices([0, 1], [1, 0], [0.5f, 4f]));
        Assert.Contains("pair 1", ex.Message);
        Assert.Contains("[0, 1]", ex.Message);
    }
}
