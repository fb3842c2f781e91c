using Siamese.Distances;
using Siamese.Losses;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class NPairLossTests
{
    /// <summary>e0 = (1, 0), e1 = (0.6, 0.8), e2 = (0, 1), e3 = (−1, 0): unit vectors, so the cosines are plain dot products.</summary>
    private static readonly double[][] Square = [[1, 0], [0.6, 0.8], [0, 1], [-1, 0]];

    [Fact]
    public void Compute_LabelsOnUnitVectorsByHand_MatchesPaperValue()
    {
        // Given the four unit vectors with labels 0, 0, 1, 1, cosine, T = 1.
        // Cosines: c01 = 0.6, c02 = 0, c03 = -1, c12 = 0.8, c13 = -0.6, c23 = 0.
        // Each ordered positive pair (a, p) pays log(1 + sum over negatives n of e^(c(a,n) - c(a,p))):
        //   (0,1): log(1 + (e^0 + e^-1) e^-0.6)     = log(1 + 1.367879 x 0.548812) = log(1.750709) = 0.560020
        //   (1,0): log(1 + (e^0.8 + e^-0.6) e^-0.6) = log(1 + 2.774353 x 0.548812) = log(2.522599) = 0.925289
        //   (2,3): log(1 + (e^0 + e^0.8) e^0)       = log(4.225541)                              = 1.441147
        //   (3,2): log(1 + (e^-1 + e^-0.6) e^0)     = log(1.916691)                              = 0.650600
        // Mean: 3.577056 / 4 = 0.894264.
        using var e = ToTensor(Square);
        var loss = new NPairLoss(new CosineSimilarity(), temperature: 1.0);

        // When computed from the labels
        using var value = loss.Compute(e, [0, 0, 1, 1]);

        // Then it is the value worked out above
        Assert.Equal(0.894264, value.item<float>(), 5);
    }

    [Fact]
    public void Compute_ExplicitPairsOnUnitVectorsByHand_MatchesPaperValue()
    {
        // Given the pairs (0, 1) and (2, 3) of the four unit vectors, cosine, T = 1: anchors 0 and 2, partners 1 and 3.
        //   anchor 0: logits c01 = 0.6 (own), c03 = -1  -> -log(e^0.6 / (e^0.6 + e^-1)) = log(1 + e^-1.6) = 0.183901
        //   anchor 2: logits c21 = 0.8, c23 = 0 (own)   -> -log(e^0 / (e^0.8 + e^0))    = log(1 + e^0.8)  = 1.171101
        // Mean: 0.677501.
        using var e = ToTensor(Square);
        var loss = new NPairLoss(new CosineSimilarity(), temperature: 1.0);

        // When computed over the pairs
        using var value = loss.Compute(e, new PairIndices([0, 2], [1, 3], [PairRelation.Same, PairRelation.Same]));

        // Then it is the value worked out above
        Assert.Equal(0.677501, value.item<float>(), 5);
    }

    [Theory]
    [InlineData("l2", 0.5)]
    [InlineData("cosine", 0.3)]
    [InlineData("cosine", 0.1)]
    public void Compute_LabelsOnRandomBatch_MatchesLoopOracleAndGradient(string distanceName, double temperature)
    {
        // Given random embeddings with repeated classes and a singleton
        var rows = RandomMatrix(7, 3, seed: 17);
        int[] labels = [0, 1, 2, 0, 1, 0, 3];
        var loss = new NPairLoss(Distance.FromName(distanceName), temperature);
        using var e = ToTensor(rows, requiresGrad: true);

        // When computed from the labels and differentiated
        var value = loss.Compute(e, labels);
        value.backward();

        // Then it is the mean over ordered positive pairs of -log softmax against the anchor's negatives
        double Oracle(double[][] x)
        {
            double C(int i, int j) => OracleCloseness(distanceName, x[i], x[j]) / temperature;
            var terms = new List<double>();
            for (int a = 0; a < labels.Length; a++)
            {
                for (int p = 0; p < labels.Length; p++)
                {
                    if (p == a || labels[p] != labels[a])
                    {
                        continue;
                    }

                    double denominator = Math.Exp(C(a, p));
                    for (int n = 0; n < labels.Length; n++)
                    {
                        if (labels[n] != labels[a])
                        {
                            denominator += Math.Exp(C(a, n));
                        }
                    }

                    terms.Add(-Math.Log(Math.Exp(C(a, p)) / denominator));
                }
            }

            return terms.Average();
        }

        Assert.Equal(Oracle(rows), value.item<float>(), 4);
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);
    }

    [Theory]
    [InlineData("l2", 0.5)]
    [InlineData("cosine", 0.3)]
    public void Compute_ExplicitPairsOnRandomBatch_MatchesLoopOracleAndGradient(string distanceName, double temperature)
    {
        // Given three positive pairs over six embeddings, one item on the right of two pairs
        var rows = RandomMatrix(6, 3, seed: 19);
        var pairs = new PairIndices([0, 2, 4], [1, 3, 3], [PairRelation.Same, PairRelation.Same, PairRelation.Same]);
        var loss = new NPairLoss(Distance.FromName(distanceName), temperature);
        using var e = ToTensor(rows, requiresGrad: true);

        // When computed and differentiated
        var value = loss.Compute(e, pairs);
        value.backward();

        // Then it is the mean cross-entropy of picking one's own partner among all the pairs' right items
        double Oracle(double[][] x)
        {
            double total = 0;
            for (int i = 0; i < pairs.Count; i++)
            {
                var logits = pairs.Right.Select(r => OracleCloseness(distanceName, x[pairs.Left[i]], x[r]) / temperature).ToArray();
                total += -logits[i] + Math.Log(logits.Sum(Math.Exp));
            }

            return total / pairs.Count;
        }

        Assert.Equal(Oracle(rows), value.item<float>(), 4);
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);
    }

    [Fact]
    public void Compute_ExplicitPairWithDifferentRelation_Throws()
    {
        using var e = ToTensor(Square);
        var pairs = new PairIndices([0, 2], [1, 3], [PairRelation.Same, PairRelation.Different]);

        var ex = Assert.Throws<ArgumentException>(() => new NPairLoss(new L2Distance()).Compute(e, pairs));
        Assert.Equal("pairs", ex.ParamName);
    }

    [Fact]
    public void Compute_NoPositivePairs_IsZeroWithGradient()
    {
        // Given labels that are all different, and an empty list of pairs
        var loss = new NPairLoss(new L2Distance());
        using var e = randn(4, 3, requires_grad: true);

        // When computed
        using var fromLabels = loss.Compute(e, [0, 1, 2, 3]);
        using var fromPairs = loss.Compute(e, new PairIndices([], [], []));
        fromLabels.backward();

        // Then both are zero and the graph reaches the embeddings
        Assert.Equal(0f, fromLabels.item<float>());
        Assert.Equal(0f, fromPairs.item<float>());
        Assert.NotNull(e.grad);
    }

    [Fact]
    public void Compute_OneClassOnly_IsZeroWithFiniteGradient()
    {
        // Given positives but no negatives at all: each positive is the only candidate, so picking it costs nothing
        var loss = new NPairLoss(new CosineSimilarity());
        using var e = ToTensor(RandomMatrix(3, 2, seed: 4), requiresGrad: true);

        // When computed and differentiated
        using var value = loss.Compute(e, [5, 5, 5]);
        value.backward();

        // Then the loss is 0 and the gradient finite
        Assert.Equal(0f, value.item<float>(), 6);
        Assert.All(ToArray(e.grad!), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void ComputeBatch_LabelsOnly_UsesTheLabelsForm()
    {
        using var e = ToTensor(RandomMatrix(6, 3, seed: 21));
        int[] labels = [0, 1, 2, 0, 1, 2];
        var loss = new NPairLoss(new L2Distance());

        using var value = loss.Compute(e, new MetricBatch([0, 1, 2, 3, 4, 5], labels, null));

        using var expected = loss.Compute(e, labels);
        Assert.Equal(expected.item<float>(), value.item<float>());
    }

    [Fact]
    public void ComputeBatch_PairsOnly_UsesThePairsForm()
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 21));
        var pairs = new PairIndices([0, 1], [2, 3], [PairRelation.Same, PairRelation.Same]);
        var loss = new NPairLoss(new L2Distance());

        using var value = loss.Compute(e, new MetricBatch([9, 8, 7, 6], null, pairs));

        using var expected = loss.Compute(e, pairs);
        Assert.Equal(expected.item<float>(), value.item<float>());
    }

    [Fact]
    public void ComputeBatch_LabelsAndPositivePairs_UsesThePairsAsMetricLossDocuments()
    {
        // Given a batch carrying both labels and explicit positive pairs: MetricLoss.Compute(embeddings, batch) and
        // MetricBatch document that a loss given tuples of its own kind uses them and mines only otherwise
        using var e = ToTensor(RandomMatrix(4, 3, seed: 23));
        int[] labels = [0, 1, 0, 1];
        var pairs = new PairIndices([0, 1], [2, 3], [PairRelation.Same, PairRelation.Same]);
        var loss = new NPairLoss(new L2Distance());

        // When computed from the batch
        using var value = loss.Compute(e, new MetricBatch([0, 1, 2, 3], labels, pairs));

        // Then it is the loss over the explicit pairs (the two forms differ on this batch)
        using var fromPairs = loss.Compute(e, pairs);
        using var fromLabels = loss.Compute(e, labels);
        Assert.NotEqual(fromLabels.item<float>(), fromPairs.item<float>());
        Assert.Equal(fromPairs.item<float>(), value.item<float>());
    }

    [Fact]
    public void ComputeBatch_OnlyTriplets_Throws()
    {
        using var e = ToTensor(RandomMatrix(3, 2, seed: 1));
        var batch = new MetricBatch([0, 1, 2], null, new TripletIndices([0], [1], [2]));

        var ex = Assert.Throws<ArgumentException>(() => new NPairLoss(new L2Distance()).Compute(e, batch));
        Assert.Contains("TripletIndices", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidTemperature_Throws(double temperature)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NPairLoss(new L2Distance(), temperature));
    }
}
