using Siamese.Distances;
using Siamese.Engine;
using Siamese.Miners;
using Siamese.Samplers;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Miners;

[Collection(LiveTensorCollection.Name)]
public class QuadrupletMinerTests
{
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0, 4];

    private static (int, int, int, int)[] List(QuadrupletIndices q) =>
        Enumerable.Range(0, q.Count).Select(i => (q.Anchors[i], q.Positives[i], q.Negatives[i], q.SecondNegatives[i])).ToArray();

    [Theory]
    [InlineData("l2", 67)]
    [InlineData("cosine", 67)]
    [InlineData("l2", 71)]
    [InlineData("cosine", 71)]
    public void Mine_BatchHard_MatchesBruteForceSelection(string distanceName, int seed)
    {
        // Given a random batch with repeated classes and a singleton
        var rows = RandomMatrix(13, 5, seed);
        using var e = ToTensor(rows);
        double C(int i, int j) => OracleCloseness(distanceName, rows[i], rows[j]);

        // When the batch-hard quadruplets are mined
        var mined = new QuadrupletMiner(Distance.FromName(distanceName), QuadrupletSelection.BatchHard).Mine(e, Labels);

        // Then each anchor with a positive gets its least close positive p, its closest negative n, and the item
        // closest to n among the classes other than the anchor's and n's
        var expected = new List<(int, int, int, int)>();
        int count = Labels.Length;
        for (int a = 0; a < count; a++)
        {
            var positives = Enumerable.Range(0, count).Where(j => j != a && Labels[j] == Labels[a]).ToArray();
            var negatives = Enumerable.Range(0, count).Where(j => Labels[j] != Labels[a]).ToArray();
            if (positives.Length == 0 || negatives.Length == 0)
            {
                continue;
            }

            int p = positives.MinBy(j => C(a, j));
            int n = negatives.MaxBy(j => C(a, j));
            var third = Enumerable.Range(0, count).Where(k => Labels[k] != Labels[a] && Labels[k] != Labels[n]).ToArray();
            if (third.Length > 0)
            {
                expected.Add((a, p, n, third.MaxBy(k => C(n, k))));
            }
        }

        Assert.Equal(expected, List(mined));
        Assert.Equal(12, mined.Count);
    }

    [Fact]
    public void Mine_BatchHardWithTwoClasses_FindsNothing()
    {
        // Given two classes: no second negative exists for any anchor
        using var e = ToTensor(RandomMatrix(6, 3, seed: 2));

        var mined = new QuadrupletMiner(new L2Distance(), QuadrupletSelection.BatchHard).Mine(e, [0, 1, 0, 1, 0, 1]);

        Assert.Equal(0, mined.Count);
    }

    [Fact]
    public void Mine_All_IsEveryValidQuadruplet()
    {
        // Given a small labelled batch
        int[] labels = [0, 1, 2, 0, 1, 3];
        using var e = ToTensor(RandomMatrix(6, 3, seed: 3));

        // When every quadruplet is mined
        var mined = new QuadrupletMiner(new CosineSimilarity(), QuadrupletSelection.All).Mine(e, labels);

        // Then it is AllValid of the labels
        Assert.Equal(List(QuadrupletIndices.AllValid(labels)), List(mined));
        Assert.NotEmpty(List(mined));
    }

    [Theory]
    [InlineData(QuadrupletSelection.All)]
    [InlineData(QuadrupletSelection.BatchHard)]
    public void Mine_WrongNumberOfLabels_Throws(QuadrupletSelection selection)
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 1));
        Assert.Throws<ArgumentException>(() => new QuadrupletMiner(new L2Distance(), selection).Mine(e, [0, 1, 2]));
    }

    [Fact]
    public void Mine_LeavesNoLiveTensors()
    {
        using var e = ToTensor(RandomMatrix(13, 5, seed: 67));
        var hard = new QuadrupletMiner(new L2Distance(), QuadrupletSelection.BatchHard);
        var all = new QuadrupletMiner(new L2Distance(), QuadrupletSelection.All);
        long before = TorchEngine.LiveTensorCount;

        _ = hard.Mine(e, Labels);
        _ = all.Mine(e, Labels);

        Assert.Equal(before, TorchEngine.LiveTensorCount);
        Assert.Equal("batch-hard", hard.Name);
        Assert.Equal("all", all.Name);
    }
}
