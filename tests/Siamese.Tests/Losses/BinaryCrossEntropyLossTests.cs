using Siamese.Distances;
using Siamese.Losses;
using Siamese.Samplers;
using Siamese.Tests.Distances;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class BinaryCrossEntropyLossTests
{
    private static readonly double[] Alpha = [-0.9, 0.4, -0.6, 1.1];

    private const double Beta = 0.3;

    /// <summary>log(1 + eˣ) without overflow.</summary>
    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>−log σ(s) for a genuine pair, −log(1 − σ(s)) for an impostor, in double precision.</summary>
    private static double PairOracle(double score, bool same) => same ? Softplus(-score) : Softplus(score);

    [Fact]
    public void PerPair_ScoresIncludingLargeMagnitudes_MatchNegativeLogLikelihood()
    {
        // Given logits from −100 to 100 for genuine and impostor pairs alike
        var loss = new BinaryCrossEntropyLoss(new CosineSimilarity());
        double[] scores = [-100, -40, -3, -0.5, 0, 0.5, 3, 40, 100];
        using var s = tensor(scores.Select(v => (float)v).ToArray());

        foreach (bool same in new[] { true, false })
        {
            using var isSame = tensor(Enumerable.Repeat(same, scores.Length).ToArray());

            // When each pair's loss is computed
            var actual = ToArray(loss.PerPair(s, isSame));

            // Then it is −log σ(s) or −log(1 − σ(s)), finite even where σ(s) rounds to 0 or 1 (e.g. 100 for a genuine pair at −100)
            for (int i = 0; i < scores.Length; i++)
            {
                double expected = PairOracle(scores[i], same);
                Assert.True(float.IsFinite(actual[i]), $"score {scores[i]}, same {same}: {actual[i]}");
                Assert.Equal(expected, actual[i], Math.Max(1e-5, expected * 1e-6));
            }
        }
    }

    [Fact]
    public void PerPair_ZeroLogit_PaysLogTwoEitherWay()
    {
        var loss = new BinaryCrossEntropyLoss(new CosineSimilarity());
        using var s = tensor(new float[] { 0, 0 });
        using var isSame = tensor(new[] { true, false });

        var actual = ToArray(loss.PerPair(s, isSame));

        Assert.Equal(Math.Log(2), actual[0], 6);
        Assert.Equal(Math.Log(2), actual[1], 6);
    }

    [Theory]
    [InlineData("l1")]
    [InlineData("l2")]
    [InlineData("squared-l2")]
    public void Constructor_Distance_IsRefusedPointingToWeightedL1(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropyLoss(Distance.FromName(name)));

        Assert.Contains($"'{name}' is a distance", ex.Message);
        Assert.Contains("weighted-l1", ex.Message);
    }

    [Fact]
    public void Name_IsBce()
    {
        Assert.Equal("bce", new BinaryCrossEntropyLoss(new CosineSimilarity()).Name);
    }

    [Fact]
    public void Compute_ExplicitPairsOfAMetricBatch_MatchLoopOracleAndGradient()
    {
        // Given six embeddings, four explicit pairs (one item in two pairs) and a head with set weights
        var rows = RandomMatrix(6, 4, seed: 31);
        var pairs = new PairIndices([0, 2, 4, 1], [1, 3, 5, 4], [PairRelation.Same, PairRelation.Different, PairRelation.Same, PairRelation.Different]);
        var head = WeightedL1SimilarityTests.Head(Alpha, Beta);
        var loss = new BinaryCrossEntropyLoss(head);
        var batch = new MetricBatch([10, 11, 12, 13, 14, 15], labels: null, pairs);
        using var e = ToTensor(rows, requiresGrad: true);

        // When the batch's loss is computed (the trainer's path) and differentiated
        using var value = loss.Compute(e, batch);
        value.backward();

        // Then it is the mean negative log-likelihood over exactly those pairs
        double Oracle(double[][] x)
        {
            double total = 0;
            for (int k = 0; k < pairs.Count; k++)
            {
                double s = WeightedL1SimilarityTests.Oracle(Alpha, Beta, x[pairs.Left[k]], x[pairs.Right[k]]);
                total += PairOracle(s, pairs.Relations[k] == PairRelation.Same);
            }

            return total / pairs.Count;
        }

        Assert.Equal(Oracle(rows), value.item<float>(), 5);
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);
    }

    [Fact]
    public void Compute_LabelledBatch_ScoresEveryPairTheMinerForms()
    {
        // Given five labelled embeddings (two classes of two and a singleton) and no explicit pairs
        var rows = RandomMatrix(5, 4, seed: 33);
        int[] labels = [0, 1, 0, 2, 1];
        var loss = new BinaryCrossEntropyLoss(WeightedL1SimilarityTests.Head(Alpha, Beta));
        var batch = new MetricBatch([0, 1, 2, 3, 4], labels, tuples: null);
        using var e = ToTensor(rows, requiresGrad: true);

        // When the loss is computed from the labels (default miner: every pair)
        using var value = loss.Compute(e, batch);
        value.backward();

        // Then it is the mean over all 10 unordered pairs, genuine where the labels agree
        double Oracle(double[][] x)
        {
            double total = 0;
            int count = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                for (int j = i + 1; j < labels.Length; j++)
                {
                    total += PairOracle(WeightedL1SimilarityTests.Oracle(Alpha, Beta, x[i], x[j]), labels[i] == labels[j]);
                    count++;
                }
            }

            return total / count;
        }

        Assert.Equal(Oracle(rows), value.item<float>(), 5);
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);
        using var fromLabels = loss.Compute(e.detach(), labels);
        Assert.Equal(value.item<float>(), fromLabels.item<float>(), 6);
    }
}
