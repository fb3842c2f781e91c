using Siamese.Distances;
using Siamese.Losses;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

/// <summary>The pair-loss machinery (explicit pairs, and the online contrastive loss over pairs mined from labels), through <see cref="ContrastiveLoss"/>.</summary>
public class PairLossTests
{
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 1, 3];

    /// <summary>The contrastive loss of one pair from its score, in double precision.</summary>
    private static double ContrastiveOracle(bool largerIsCloser, double score, bool same, double margin, double positiveMargin)
    {
        double x = largerIsCloser
            ? same ? positiveMargin - score : score - margin
            : same ? score - positiveMargin : margin - score;
        return 0.5 * Math.Pow(Math.Max(0, x), 2);
    }

    private static ContrastiveLoss NewLoss(IDistance distance, PairSelection selection)
    {
        var (margin, positiveMargin) = distance.LargerIsCloser ? (0.2, 0.9) : (1.5, 0.1);
        return new ContrastiveLoss(distance, margin, positiveMargin) { Miner = new PairMiner(distance, selection) };
    }

    [Fact]
    public void Compute_LabelsOnTinySquareByHand_MatchesPaperValue()
    {
        // Given e0 = (0, 0), e1 = (0.3, 0.4), e2 = (0.6, 0), e3 = (0.6, 0.8), labels 0, 0, 1, 1, L2, margin 1, positive margin 0.
        // Every pair i < j: genuine pays d²/2, impostor max(0, 1 - d)²/2:
        //   (0,1) genuine  d 0.5 -> 0.125     (0,2) impostor d 0.6 -> 0.08    (0,3) impostor d 1.0 -> 0
        //   (1,2) impostor d 0.5 -> 0.125     (1,3) impostor d 0.5 -> 0.125   (2,3) genuine  d 0.8 -> 0.32
        // Mean over the 6 pairs: 0.775 / 6 = 0.1291667.
        using var e = ToTensor([[0, 0], [0.3, 0.4], [0.6, 0], [0.6, 0.8]]);
        var loss = new ContrastiveLoss(new L2Distance(), 1.0, 0.0);

        // When the online contrastive loss is computed from the labels (the default miner forms every pair)
        using var value = loss.Compute(e, [0, 0, 1, 1]);

        // Then it is the value worked out above
        Assert.Equal(0.1291667, value.item<float>(), 5);
        Assert.Equal(PairSelection.All, Assert.IsType<PairMiner>(loss.Miner).Selection);
    }

    [Theory]
    [InlineData("l2", PairSelection.All)]
    [InlineData("l2", PairSelection.Hard)]
    [InlineData("cosine", PairSelection.All)]
    [InlineData("cosine", PairSelection.Hard)]
    public void Compute_LabelsOnRandomBatch_MatchesLoopOracleAndGradient(string distanceName, PairSelection selection)
    {
        // Given a random labelled batch and the online contrastive loss with either miner
        var rows = RandomMatrix(9, 3, seed: 29);
        var distance = Distance.FromName(distanceName);
        var loss = NewLoss(distance, selection);
        var (margin, positiveMargin) = (loss.Margin, loss.PositiveMargin);
        using var e = ToTensor(rows, requiresGrad: true);

        // When the loss is computed from the labels and differentiated
        var value = loss.Compute(e, Labels);
        value.backward();

        // Then it equals the mean over the pairs i < j that a loop selects (all, or the hard ones by PairSelection's definition)
        int n = Labels.Length;
        double C(int i, int j) => OracleCloseness(distanceName, rows[i], rows[j]);
        bool Kept(int i, int j)
        {
            if (selection == PairSelection.All)
            {
                return true;
            }

            bool same = Labels[i] == Labels[j];
            foreach (int item in new[] { i, j })
            {
                var impostors = Enumerable.Range(0, n).Where(k => Labels[k] != Labels[item]).ToArray();
                var partners = Enumerable.Range(0, n).Where(k => k != item && Labels[k] == Labels[item]).ToArray();
                bool hard = same
                    ? impostors.Length > 0 && C(i, j) < impostors.Max(k => C(item, k))
                    : partners.Length > 0 && C(i, j) > partners.Min(k => C(item, k));
                if (hard)
                {
                    return true;
                }
            }

            return false;
        }

        var pairs = new List<(int I, int J)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (Kept(i, j))
                {
                    pairs.Add((i, j));
                }
            }
        }

        double Oracle(double[][] x) => pairs.Average(p =>
            ContrastiveOracle(distance.LargerIsCloser, OracleScore(distanceName, x[p.I], x[p.J]), Labels[p.I] == Labels[p.J], margin, positiveMargin));

        Assert.InRange(pairs.Count, 2, selection == PairSelection.All ? 36 : 35);
        Assert.Equal(Oracle(rows), value.item<float>(), 5);

        // And its gradient matches central differences of the oracle over the same pairs
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("cosine")]
    public void Compute_ExplicitPairs_MatchesLoopOracleAndGradient(string distanceName)
    {
        // Given explicit pairs over a batch, items reused across pairs
        var rows = RandomMatrix(5, 3, seed: 31);
        var distance = Distance.FromName(distanceName);
        var loss = NewLoss(distance, PairSelection.All);
        var pairs = new PairIndices(
            [0, 1, 2, 3, 0],
            [4, 3, 0, 1, 2],
            [PairRelation.Same, PairRelation.Different, PairRelation.Different, PairRelation.Same, PairRelation.Different]);
        using var e = ToTensor(rows, requiresGrad: true);

        // When computed over those pairs
        var value = loss.Compute(e, pairs);
        value.backward();

        // Then it is the mean of the per-pair losses, and so is its gradient
        double Oracle(double[][] x) => Enumerable.Range(0, pairs.Count).Average(k => ContrastiveOracle(
            distance.LargerIsCloser, OracleScore(distanceName, x[pairs.Left[k]], x[pairs.Right[k]]), pairs.Relations[k] == PairRelation.Same, loss.Margin, loss.PositiveMargin));
        Assert.Equal(Oracle(rows), value.item<float>(), 5);
        AssertGradientMatchesOracle(rows, Oracle, e.grad!);

        // And it equals the left/right/isSame form on the gathered embeddings
        using var left = ToTensor(pairs.Left.Select(i => rows[i]).ToArray());
        using var right = ToTensor(pairs.Right.Select(i => rows[i]).ToArray());
        using var isSame = tensor(pairs.IsSame());
        Assert.Equal(value.item<float>(), loss.Compute(left, right, isSame).item<float>(), 6);
    }

    [Fact]
    public void Compute_NoPairs_IsZeroWithGradient()
    {
        // Given no explicit pairs, a single labelled item, and two well separated clusters for the hard miner
        var loss = new ContrastiveLoss(new L2Distance(), 1.0, 0.0);
        var hard = NewLoss(new L2Distance(), PairSelection.Hard);
        using var e = randn(3, 2, requires_grad: true);
        using var one = randn(1, 2, requires_grad: true);
        using var clusters = ToTensor([[0, 0], [0.1, 0], [5, 5], [5, 5.1]], requiresGrad: true);

        // When computed
        using var fromEmpty = loss.Compute(e, new PairIndices([], [], []));
        using var fromOne = loss.Compute(one, [7]);
        using var fromEasy = hard.Compute(clusters, [0, 0, 1, 1]);
        fromEmpty.backward();
        fromOne.backward();
        fromEasy.backward();

        // Then every value is zero and the graph reaches the embeddings
        Assert.Equal(0f, fromEmpty.item<float>());
        Assert.Equal(0f, fromOne.item<float>());
        Assert.Equal(0f, fromEasy.item<float>());
        Assert.NotNull(e.grad);
        Assert.NotNull(one.grad);
        Assert.NotNull(clusters.grad);
    }

    [Fact]
    public void ComputeBatch_ExplicitPairs_UsesThemRatherThanMining()
    {
        // Given a batch carrying labels and two explicit pairs
        int[] labels = [0, 1, 0, 1];
        var pairs = new PairIndices([0, 1], [2, 2], [PairRelation.Same, PairRelation.Different]);
        using var e = ToTensor(RandomMatrix(4, 3, seed: 3));
        var loss = new ContrastiveLoss(new L2Distance(), 2.0, 0.0);

        // When computed from the batch
        using var value = loss.Compute(e, new MetricBatch([8, 9, 10, 11], labels, pairs));

        // Then it is the loss of those pairs
        using var expected = loss.Compute(e, pairs);
        using var mined = loss.Compute(e, labels);
        Assert.Equal(expected.item<float>(), value.item<float>());
        Assert.NotEqual(mined.item<float>(), value.item<float>());
    }

    [Fact]
    public void ComputeBatch_LabelsAndTriplets_MinesPairsFromTheLabels()
    {
        // Given a batch carrying labels and triplets (not pairs)
        int[] labels = [0, 1, 0, 1];
        using var e = ToTensor(RandomMatrix(4, 3, seed: 3));
        var loss = new ContrastiveLoss(new CosineSimilarity(), 0.0, 1.0);

        // When computed from the batch
        using var value = loss.Compute(e, new MetricBatch([0, 1, 2, 3], labels, TripletIndices.AllValid(labels)));

        // Then it is the online contrastive loss of the labels
        using var mined = loss.Compute(e, labels);
        Assert.Equal(mined.item<float>(), value.item<float>());
    }

    [Fact]
    public void ComputeBatch_OnlyTriplets_Throws()
    {
        using var e = ToTensor(RandomMatrix(3, 2, seed: 1));
        var batch = new MetricBatch([0, 1, 2], null, new TripletIndices([0], [1], [2]));

        var ex = Assert.Throws<ArgumentException>(() => new ContrastiveLoss(new L2Distance(), 1.0, 0.0).Compute(e, batch));
        Assert.Contains("PairIndices", ex.Message);
        Assert.Contains("TripletIndices", ex.Message);
    }
}
