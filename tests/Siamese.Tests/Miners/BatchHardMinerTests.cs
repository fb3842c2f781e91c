using Siamese.Distances;
using Siamese.Engine;
using Siamese.Miners;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Miners;

[Collection(LiveTensorCollection.Name)]
public class BatchHardMinerTests
{
    /// <summary>Repeated classes 0..3 and a singleton class 4 (item 12), which has no positive.</summary>
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0, 4];

    [Theory]
    [InlineData("l2")]
    [InlineData("cosine")]
    public void Mine_RandomBatch_MatchesBruteForceHardestPositiveAndNegative(string distanceName)
    {
        // Given a random batch with repeated classes and a singleton
        var rows = RandomMatrix(13, 5, seed: 43);
        using var e = ToTensor(rows);
        var miner = new BatchHardMiner(Distance.FromName(distanceName));

        // When mined
        var mined = miner.Mine(e, Labels);

        // Then each anchor with a positive and a negative gets its least close positive and its closest negative
        var expected = new List<(int, int, int)>();
        for (int a = 0; a < Labels.Length; a++)
        {
            int hardestPositive = -1, hardestNegative = -1;
            double positiveCloseness = double.PositiveInfinity, negativeCloseness = double.NegativeInfinity;
            for (int j = 0; j < Labels.Length; j++)
            {
                double c = OracleCloseness(distanceName, rows[a], rows[j]);
                if (j != a && Labels[j] == Labels[a] && c < positiveCloseness)
                {
                    (hardestPositive, positiveCloseness) = (j, c);
                }

                if (Labels[j] != Labels[a] && c > negativeCloseness)
                {
                    (hardestNegative, negativeCloseness) = (j, c);
                }
            }

            if (hardestPositive >= 0 && hardestNegative >= 0)
            {
                expected.Add((a, hardestPositive, hardestNegative));
            }
        }

        var actual = Enumerable.Range(0, mined.Count).Select(i => (mined.Anchors[i], mined.Positives[i], mined.Negatives[i]));
        Assert.Equal(expected, actual);
        Assert.Equal(12, mined.Count);
    }

    [Fact]
    public void Mine_PointsOnALine_PicksTheFarthestPositiveAndClosestNegative()
    {
        // Given points on a line: class 0 at 0, 1, 3 and class 1 at 2.5, 6
        //   anchor 0 (x=0):   positives 1 (d 1), 2 (d 3)        -> 2; negatives 3 (d 2.5), 4 (d 6) -> 3
        //   anchor 1 (x=1):   positives 0 (d 1), 2 (d 2)        -> 2; negatives 3 (d 1.5), 4 (d 5) -> 3
        //   anchor 2 (x=3):   positives 0 (d 3), 1 (d 2)        -> 0; negatives 3 (d 0.5), 4 (d 3) -> 3
        //   anchor 3 (x=2.5): positive 4 (d 3.5)                -> 4; negatives 0 (2.5), 1 (1.5), 2 (0.5) -> 2
        //   anchor 4 (x=6):   positive 3                        -> 3; negatives 0 (6), 1 (5), 2 (3) -> 2
        using var e = ToTensor([[0, 0], [1, 0], [3, 0], [2.5, 0], [6, 0]]);

        // When mined with L2
        var mined = new BatchHardMiner(new L2Distance()).Mine(e, [0, 0, 0, 1, 1]);

        // Then it takes the triplets worked out above
        Assert.Equal([0, 1, 2, 3, 4], mined.Anchors);
        Assert.Equal([2, 2, 0, 4, 3], mined.Positives);
        Assert.Equal([3, 3, 3, 2, 2], mined.Negatives);
    }

    [Fact]
    public void Mine_OneClassOnly_FindsNothing()
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 1));

        var mined = new BatchHardMiner(new L2Distance()).Mine(e, [2, 2, 2, 2]);

        Assert.Equal(0, mined.Count);
    }

    [Fact]
    public void Mine_WrongNumberOfLabels_Throws()
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 1));
        Assert.Throws<ArgumentException>(() => new BatchHardMiner(new L2Distance()).Mine(e, [0, 1, 0]));
    }

    [Fact]
    public void Mine_LeavesNoLiveTensors()
    {
        // Given a batch made before mining
        using var e = ToTensor(RandomMatrix(13, 5, seed: 43));
        var miner = new BatchHardMiner(new CosineSimilarity());
        long before = TorchEngine.LiveTensorCount;

        // When mined
        _ = miner.Mine(e, Labels);

        // Then no tensor outlives the call
        Assert.Equal(before, TorchEngine.LiveTensorCount);
        Assert.Equal("batch-hard", miner.Name);
    }
}
