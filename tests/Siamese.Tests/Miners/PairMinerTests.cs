using Siamese.Distances;
using Siamese.Engine;
using Siamese.Miners;
using Siamese.Samplers;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Miners;

[Collection(LiveTensorCollection.Name)]
public class PairMinerTests
{
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0, 4];

    private static (int, int, PairRelation)[] Set(PairIndices pairs) =>
        Enumerable.Range(0, pairs.Count).Select(i => (pairs.Left[i], pairs.Right[i], pairs.Relations[i])).Order().ToArray();

    [Theory]
    [InlineData("l2")]
    [InlineData("cosine")]
    public void Mine_All_IsEveryUnorderedPairOnceWithItsRelation(string distanceName)
    {
        // Given a random batch
        using var e = ToTensor(RandomMatrix(13, 5, seed: 53));

        // When every pair is mined
        var mined = new PairMiner(Distance.FromName(distanceName), PairSelection.All).Mine(e, Labels);

        // Then it holds each i < j once, genuine when the labels agree
        var expected = new List<(int, int, PairRelation)>();
        for (int i = 0; i < Labels.Length; i++)
        {
            for (int j = i + 1; j < Labels.Length; j++)
            {
                expected.Add((i, j, Labels[i] == Labels[j] ? PairRelation.Same : PairRelation.Different));
            }
        }

        Assert.Equal(expected.Order(), Set(mined));
        Assert.Equal(13 * 12 / 2, mined.Count);
    }

    [Theory]
    [InlineData("l2", 59)]
    [InlineData("cosine", 59)]
    [InlineData("l2", 61)]
    [InlineData("cosine", 61)]
    public void Mine_Hard_MatchesBruteForceDefinition(string distanceName, int seed)
    {
        // Given a random batch and, per item, the closeness of its closest impostor and of its farthest genuine partner
        var rows = RandomMatrix(13, 5, seed);
        using var e = ToTensor(rows);
        int n = Labels.Length;
        double C(int i, int j) => OracleCloseness(distanceName, rows[i], rows[j]);
        var closestImpostor = new double[n];
        var farthestGenuine = new double[n];
        for (int i = 0; i < n; i++)
        {
            closestImpostor[i] = double.NegativeInfinity;
            farthestGenuine[i] = double.PositiveInfinity;
            for (int j = 0; j < n; j++)
            {
                if (Labels[j] != Labels[i])
                {
                    closestImpostor[i] = Math.Max(closestImpostor[i], C(i, j));
                }
                else if (j != i)
                {
                    farthestGenuine[i] = Math.Min(farthestGenuine[i], C(i, j));
                }
            }
        }

        // When the hard pairs are mined
        var mined = new PairMiner(Distance.FromName(distanceName), PairSelection.Hard).Mine(e, Labels);

        // Then a genuine pair is kept when it is less close than the closest impostor of either item, and an
        // impostor pair when it is closer than the farthest genuine partner of either item
        var expected = new List<(int, int, PairRelation)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double c = C(i, j);
                if (Labels[i] == Labels[j] && (c < closestImpostor[i] || c < closestImpostor[j]))
                {
                    expected.Add((i, j, PairRelation.Same));
                }
                else if (Labels[i] != Labels[j] && (c > farthestGenuine[i] || c > farthestGenuine[j]))
                {
                    expected.Add((i, j, PairRelation.Different));
                }
            }
        }

        Assert.Equal(expected.Order(), Set(mined));

        // And the selection is neither empty nor everything, with both relations present
        Assert.InRange(mined.Count, 1, (n * (n - 1) / 2) - 1);
        Assert.Contains(PairRelation.Same, mined.Relations);
        Assert.Contains(PairRelation.Different, mined.Relations);
    }

    [Fact]
    public void Mine_Hard_SeparatedClusters_FindsNothing()
    {
        // Given two tight clusters far apart: every genuine pair is closer than every impostor pair
        using var e = ToTensor([[0, 0], [0.1, 0], [5, 5], [5, 5.1]]);

        // When the hard pairs are mined
        var mined = new PairMiner(new L2Distance(), PairSelection.Hard).Mine(e, [0, 0, 1, 1]);

        // Then there are none
        Assert.Equal(0, mined.Count);
    }

    [Fact]
    public void Mine_Hard_OnePairOutOfPlace_KeepsItAndTheImpostorsItBeats()
    {
        // Given points on a line: class 0 at 0 and 3, class 1 at 1 and 10
        //   item 0: genuine 2 (d 3), impostors 1 (d 1), 3 (d 10) -> closest impostor d 1, farthest genuine d 3
        //   item 1: genuine 3 (d 9), impostors 0 (d 1), 2 (d 2)  -> closest impostor d 1, farthest genuine d 9
        //   item 2: genuine 0 (d 3), impostors 1 (d 2), 3 (d 7)  -> closest impostor d 2, farthest genuine d 3
        //   item 3: genuine 1 (d 9), impostors 0 (d 10), 2 (d 7) -> closest impostor d 7, farthest genuine d 9
        // Genuine (0,2) d 3 > 1 -> hard; (1,3) d 9 > 1 -> hard.
        // Impostor (0,1) d 1 < 3 -> hard; (0,3) d 10 > 3 and > 9 -> easy; (1,2) d 2 < 9 -> hard; (2,3) d 7 < 9 -> hard.
        using var e = ToTensor([[0, 0], [1, 0], [3, 0], [10, 0]]);

        // When the hard pairs are mined
        var mined = new PairMiner(new L2Distance(), PairSelection.Hard).Mine(e, [0, 1, 0, 1]);

        // Then it keeps the pairs worked out above
        Assert.Equal(
            [(0, 1, PairRelation.Different), (0, 2, PairRelation.Same), (1, 2, PairRelation.Different), (1, 3, PairRelation.Same), (2, 3, PairRelation.Different)],
            Set(mined));
    }

    [Fact]
    public void Mine_LeavesNoLiveTensors()
    {
        using var e = ToTensor(RandomMatrix(13, 5, seed: 53));
        var hard = new PairMiner(new L2Distance(), PairSelection.Hard);
        var all = new PairMiner(new CosineSimilarity(), PairSelection.All);
        long before = TorchEngine.LiveTensorCount;

        _ = hard.Mine(e, Labels);
        _ = all.Mine(e, Labels);

        Assert.Equal(before, TorchEngine.LiveTensorCount);
        Assert.Equal("hard-pair", hard.Name);
        Assert.Equal("all", all.Name);
    }
}
