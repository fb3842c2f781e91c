using Siamese.Distances;
using Siamese.Losses;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class TripletMarginLossTests
{
    [Theory]
    [InlineData(0.05, LossReduction.MeanOfNonZero, 0.2592337164)]
    [InlineData(0.2, LossReduction.MeanOfNonZero, 0.2031243552)]
    [InlineData(0.2, LossReduction.Mean, 0.0211587870)]
    public void Compute_ReferenceBatch_MatchesTheReferenceImplementation(double margin, LossReduction reduction, double expected)
    {
        // Given the L2-normalised reference batch and all its valid triplets
        var loss = new TripletMarginLoss(new L2Distance(), margin, reduction: reduction);

        // When the loss is computed
        using var value = loss.Compute(NormalizedReferenceBatch(), ReferenceBatchLabels);

        // Then it equals the published figure
        Assert.Equal(expected, value.item<float>(), 6);
    }

    [Theory]
    [InlineData(0.05, 2)]
    [InlineData(0.2, 5)]
    public void PerTriplet_ReferenceBatch_HasTheReferenceNumberOfActiveTriplets(double margin, int nonZero)
    {
        var triplets = TripletIndices.AllValid(ReferenceBatchLabels);
        var loss = new TripletMarginLoss(new L2Distance(), margin);

        using var perTriplet = loss.PerTriplet(NormalizedReferenceBatch(), triplets);

        Assert.Equal(48, triplets.Count);
        Assert.Equal(nonZero, ToArray(perTriplet).Count(v => v > 0));
    }

    [Theory]
    [InlineData("l2", false)]
    [InlineData("cosine", false)]
    [InlineData("l2", true)]
    public void PerTriplet_RandomBatch_MatchesLoopOracleAndGradient(string distanceName, bool soft)
    {
        // Given random embeddings with three classes
        var e = RandomMatrix(6, 3, seed: 31);
        int[] labels = [0, 1, 2, 0, 1, 2];
        var distance = Distance.FromName(distanceName);
        var loss = new TripletMarginLoss(distance, margin: 0.3, soft: soft, reduction: LossReduction.Mean);
        var triplets = TripletIndices.AllValid(labels);
        using var te = ToTensor(e, requiresGrad: true);

        // When the mean loss is computed and differentiated
        var value = loss.Compute(te, triplets);
        value.backward();

        // Then the value matches a loop over the triplets with the oracle distance
        double Score(double[] x, double[] y) => distanceName == "l2"
            ? Math.Sqrt(x.Zip(y, (u, v) => (u - v) * (u - v)).Sum())
            : x.Zip(y, (u, v) => u * v).Sum() / Math.Sqrt(x.Sum(u => u * u) * y.Sum(v => v * v));
        double Oracle(double[][] rows)
        {
            double total = 0;
            for (int t = 0; t < triplets.Count; t++)
            {
                double ap = Score(rows[triplets.Anchors[t]], rows[triplets.Positives[t]]);
                double an = Score(rows[triplets.Anchors[t]], rows[triplets.Negatives[t]]);
                double violation = distance.LargerIsCloser ? an - ap : ap - an;
                total += soft ? Math.Log(1 + Math.Exp(violation)) : Math.Max(0, violation + 0.3);
            }

            return total / triplets.Count;
        }

        Assert.Equal(Oracle(e), value.item<float>(), 5);

        // And the gradient matches central differences of the oracle
        var grad = ToArray(te.grad!);
        const double h = 1e-4;
        for (int i = 0; i < 6; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                var plus = e.Select(r => r.ToArray()).ToArray();
                var minus = e.Select(r => r.ToArray()).ToArray();
                plus[i][k] += h;
                minus[i][k] -= h;
                Assert.Equal((Oracle(plus) - Oracle(minus)) / (2 * h), grad[(i * 3) + k], 3);
            }
        }
    }

    [Fact]
    public void AllValid_Labels_PairsEachAnchorWithItsClassAgainstTheOthers()
    {
        var triplets = TripletIndices.AllValid([0, 0, 1]);

        Assert.Equal([0, 1], triplets.Anchors);
        Assert.Equal([1, 0], triplets.Positives);
        Assert.Equal([2, 2], triplets.Negatives);
    }

    [Fact]
    public void Compute_NoValidTriplets_IsZeroWithGradient()
    {
        var loss = new TripletMarginLoss(new L2Distance());
        using var e = randn(3, 4, requires_grad: true);

        using var value = loss.Compute(e, [0, 1, 2]);
        value.backward();

        Assert.Equal(0f, value.item<float>());
        Assert.NotNull(e.grad);
    }

    [Fact]
    public void Constructor_NegativeMargin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TripletMarginLoss(new L2Distance(), -0.1));
    }
}
