using Siamese.Distances;
using Siamese.Losses;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class QuadrupletLossTests
{
    [Theory]
    [InlineData(LossReduction.Mean, 0.225)]
    [InlineData(LossReduction.MeanOfNonZero, 0.2666667)]
    public void Compute_TinySquareByHand_MatchesPaperValue(LossReduction reduction, double expected)
    {
        // Given e0 = (0, 0), e1 = (0.3, 0.4), e2 = (0.6, 0), e3 = (0.6, 0.8), labels 0, 0, 1, 2, L2, m1 = 0.2, m2 = 0.4.
        // Distances: d01 = 0.5, d02 = 0.6, d03 = 1.0, d12 = 0.5, d13 = 0.5, d23 = 0.8.
        // The four valid quadruplets (a, p, n, n2), with t1 = max(0, d(a,p) - d(a,n) + 0.2), t2 = max(0, d(a,p) - d(n,n2) + 0.4):
        //   (0,1,2,3): t1 = 0.5 - 0.6 + 0.2 = 0.1   t2 = 0.5 - 0.8 + 0.4 = 0.1
        //   (0,1,3,2): t1 = 0.5 - 1.0 + 0.2 < 0 = 0 t2 = 0.1
        //   (1,0,2,3): t1 = 0.5 - 0.5 + 0.2 = 0.2   t2 = 0.1
        //   (1,0,3,2): t1 = 0.5 - 0.5 + 0.2 = 0.2   t2 = 0.1
        // Mean: 0.5/4 + 0.4/4 = 0.225. Mean of non-zero: 0.5/3 + 0.4/4 = 0.2666667.
        using var e = ToTensor([[0, 0], [0.3, 0.4], [0.6, 0], [0.6, 0.8]]);
        var loss = new QuadrupletLoss(new L2Distance(), margin: 0.2, secondMargin: 0.4, reduction: reduction);
        var quadruplets = QuadrupletIndices.AllValid([0, 0, 1, 2]);

        // When computed over them
        using var value = loss.Compute(e, quadruplets);

        // Then it is the value worked out above
        Assert.Equal(4, quadruplets.Count);
        Assert.Equal(expected, value.item<float>(), 5);
    }

    [Theory]
    [InlineData("l2", LossReduction.Mean)]
    [InlineData("l2", LossReduction.MeanOfNonZero)]
    [InlineData("cosine", LossReduction.Mean)]
    [InlineData("cosine", LossReduction.MeanOfNonZero)]
    public void Compute_RandomBatch_MatchesLoopOracleAndGradient(string distanceName, LossReduction reduction)
    {
        // Given random embeddings of three classes and every valid quadruplet
        var rows = RandomMatrix(6, 3, seed: 37);
        var distance = Distance.FromName(distanceName);
        var loss = new QuadrupletLoss(distance, margin: 0.3, secondMargin: 0.15, reduction: reduction);
        var q = QuadrupletIndices.AllValid([0, 1, 2, 0, 1, 2]);
        using var e = ToTensor(rows, requiresGrad: true);

        // When the loss is computed and differentiated
        var value = loss.Compute(e, q);
        value.backward();

        // Then the value matches a loop over the quadruplets, each term reduced on its own
        double Reduce(List<double> terms) => reduction == LossReduction.Mean
            ? terms.Average()
            : terms.Sum() / Math.Max(1, terms.Count(t => t > 0));
        double Oracle(double[][] x)
        {
            double S(int i, int j) => OracleScore(distanceName, x[i], x[j]);
            var first = new List<double>();
            var second = new List<double>();
            for (int k = 0; k < q.Count; k++)
            {
                double ap = S(q.Anchors[k], q.Positives[k]);
                double an = S(q.Anchors[k], q.Negatives[k]);
                double nn2 = S(q.Negatives[k], q.SecondNegatives[k]);
                first.Add(Math.Max(0, (distance.LargerIsCloser ? an - ap : ap - an) + 0.3));
                second.Add(Math.Max(0, (distance.LargerIsCloser ? nn2 - ap : ap - nn2) + 0.15));
            }

            return Reduce(first) + Reduce(second);
        }

        Assert.Equal(48, q.Count);
        Assert.Equal(Oracle(rows), value.item<float>(), 5);

        // And the gradient matches central differences of the oracle
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);
    }

    [Fact]
    public void PerQuadruplet_TinySquare_GivesBothTermsPerQuadruplet()
    {
        using var e = ToTensor([[0, 0], [0.3, 0.4], [0.6, 0], [0.6, 0.8]]);
        var loss = new QuadrupletLoss(new L2Distance(), margin: 0.2, secondMargin: 0.4);

        var (triplet, second) = loss.PerQuadruplet(e, QuadrupletIndices.AllValid([0, 0, 1, 2]));

        Assert.Equal([0.1f, 0f, 0.2f, 0.2f], ToArray(triplet).Select(v => MathF.Round(v, 5)));
        Assert.Equal([0.1f, 0.1f, 0.1f, 0.1f], ToArray(second).Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Compute_NoQuadruplets_IsZeroWithGradient()
    {
        // Given embeddings, no explicit quadruplets, and labels of two classes (no second negative to mine)
        var loss = new QuadrupletLoss(new L2Distance());
        using var e = randn(4, 3, requires_grad: true);

        // When computed both ways
        using var fromTuples = loss.Compute(e, new QuadrupletIndices([], [], [], []));
        using var fromLabels = loss.Compute(e, [0, 1, 0, 1]);
        fromTuples.backward();

        // Then both are zero and the graph still reaches the embeddings
        Assert.Equal(0f, fromTuples.item<float>());
        Assert.Equal(0f, fromLabels.item<float>());
        Assert.NotNull(e.grad);
        Assert.Equal(0f, ToArray(e.grad!).Select(Math.Abs).Max());
    }

    [Fact]
    public void Compute_Labels_MinesBatchHardByDefaultOrWithTheMinerSet()
    {
        // Given a random labelled batch
        int[] labels = [0, 1, 2, 0, 1, 2, 3, 3];
        using var e = ToTensor(RandomMatrix(8, 4, seed: 5));
        var distance = new L2Distance();
        var byDefault = new QuadrupletLoss(distance, margin: 0.5, secondMargin: 0.3);
        var withAll = new QuadrupletLoss(distance, margin: 0.5, secondMargin: 0.3) { Miner = new QuadrupletMiner(distance, QuadrupletSelection.All) };

        // When computed from the labels
        using var hardValue = byDefault.Compute(e, labels);
        using var allValue = withAll.Compute(e, labels);

        // Then each equals the loss over its miner's quadruplets
        var miner = Assert.IsType<QuadrupletMiner>(byDefault.Miner);
        Assert.Equal(QuadrupletSelection.BatchHard, miner.Selection);
        using var expectedHard = byDefault.Compute(e, new QuadrupletMiner(distance, QuadrupletSelection.BatchHard).Mine(e, labels));
        using var expectedAll = byDefault.Compute(e, QuadrupletIndices.AllValid(labels));
        Assert.Equal(expectedHard.item<float>(), hardValue.item<float>());
        Assert.Equal(expectedAll.item<float>(), allValue.item<float>());
        Assert.NotEqual(hardValue.item<float>(), allValue.item<float>());
    }

    [Fact]
    public void ComputeBatch_ExplicitQuadruplets_UsesThemRatherThanMining()
    {
        // Given a batch carrying labels and two explicit quadruplets
        int[] labels = [0, 1, 2, 0, 1, 2];
        var tuples = new QuadrupletIndices([0, 4], [3, 1], [1, 2], [2, 0]);
        using var e = ToTensor(RandomMatrix(6, 3, seed: 9));
        var loss = new QuadrupletLoss(new CosineSimilarity(), margin: 0.5, secondMargin: 0.4);

        // When computed from the batch
        using var value = loss.Compute(e, new MetricBatch([10, 11, 12, 13, 14, 15], labels, tuples));

        // Then it is the loss over those quadruplets, not over the mined ones
        using var explicitValue = loss.Compute(e, tuples);
        using var mined = loss.Compute(e, labels);
        Assert.Equal(explicitValue.item<float>(), value.item<float>());
        Assert.NotEqual(mined.item<float>(), value.item<float>());
    }

    [Fact]
    public void ComputeBatch_LabelsAndTuplesOfAnotherKind_MinesFromTheLabels()
    {
        // Given a batch carrying labels and triplets (not quadruplets)
        int[] labels = [0, 1, 2, 0, 1, 2];
        using var e = ToTensor(RandomMatrix(6, 3, seed: 9));
        var loss = new QuadrupletLoss(new L2Distance(), margin: 0.5, secondMargin: 0.4);
        var batch = new MetricBatch([0, 1, 2, 3, 4, 5], labels, TripletIndices.AllValid(labels));

        // When computed from the batch
        using var value = loss.Compute(e, batch);

        // Then it mines from the labels
        using var mined = loss.Compute(e, labels);
        Assert.Equal(mined.item<float>(), value.item<float>());
        Assert.True(value.item<float>() > 0);
    }

    [Fact]
    public void ComputeBatch_OnlyTuplesOfAnotherKind_Throws()
    {
        // Given a batch with triplets and no labels
        using var e = ToTensor(RandomMatrix(3, 2, seed: 1));
        var batch = new MetricBatch([0, 1, 2], null, new TripletIndices([0], [1], [2]));

        // Then the quadruplet loss cannot learn from it
        var ex = Assert.Throws<ArgumentException>(() => new QuadrupletLoss(new L2Distance()).Compute(e, batch));
        Assert.Contains("QuadrupletIndices", ex.Message);
        Assert.Contains("TripletIndices", ex.Message);
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(0.2, -0.1)]
    [InlineData(double.NaN, 0.1)]
    [InlineData(0.2, double.PositiveInfinity)]
    public void Constructor_InvalidMargin_Throws(double margin, double secondMargin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadrupletLoss(new L2Distance(), margin, secondMargin));
    }
}
