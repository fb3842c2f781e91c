using Siamese.Engine;
using Siamese.Miners;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Miners;

[Collection(LiveTensorCollection.Name)]
public class BatchAllMinerTests
{
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0, 4];

    [Fact]
    public void Mine_RandomBatch_EqualsEveryValidTripletInLoopOrder()
    {
        // Given a random batch with repeated classes and a singleton class
        using var e = ToTensor(RandomMatrix(13, 5, seed: 47));

        // When mined
        var mined = new BatchAllMiner().Mine(e, Labels);

        // Then it holds every (anchor, positive, negative) a triple loop finds, in the same order
        var expected = new List<(int, int, int)>();
        for (int a = 0; a < Labels.Length; a++)
        {
            for (int p = 0; p < Labels.Length; p++)
            {
                for (int n = 0; n < Labels.Length; n++)
                {
                    if (p != a && Labels[p] == Labels[a] && Labels[n] != Labels[a])
                    {
                        expected.Add((a, p, n));
                    }
                }
            }
        }

        var actual = Enumerable.Range(0, mined.Count).Select(i => (mined.Anchors[i], mined.Positives[i], mined.Negatives[i]));
        Assert.Equal(expected, actual);

        // 4 of class 0 x 3 positives x 9 negatives, 2 x 3 x 2 x 10 for classes 1 and 2, 2 x 1 x 11 for class 3
        Assert.Equal((4 * 3 * 9) + (2 * 3 * 2 * 10) + (2 * 1 * 11), mined.Count);
    }

    [Fact]
    public void Mine_AllDifferentClasses_FindsNothing()
    {
        using var e = ToTensor(RandomMatrix(3, 2, seed: 1));

        var mined = new BatchAllMiner().Mine(e, [0, 1, 2]);

        Assert.Equal(0, mined.Count);
        Assert.Equal(-1, mined.LargestIndex());
    }

    [Fact]
    public void Mine_LeavesNoLiveTensors()
    {
        using var e = ToTensor(RandomMatrix(13, 5, seed: 47));
        var miner = new BatchAllMiner();
        long before = TorchEngine.LiveTensorCount;

        _ = miner.Mine(e, Labels);

        Assert.Equal(before, TorchEngine.LiveTensorCount);
        Assert.Equal("all", miner.Name);
    }
}
