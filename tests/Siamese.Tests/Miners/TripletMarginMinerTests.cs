using Siamese.Distances;
using Siamese.Engine;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Miners;

[Collection(LiveTensorCollection.Name)]
public class TripletMarginMinerTests
{
    [Fact]
    public void Mine_SemiHardOnReferenceBatch_SelectsExactlyTheReferenceTriplets()
    {
        // Given the L2-normalised batch and a semi-hard miner with margin 0.2
        var miner = new TripletMarginMiner(new L2Distance(), 0.2, TripletSelection.SemiHard);
        using var e = NormalizedReferenceBatch();

        // When it mines
        var mined = miner.Mine(e, ReferenceBatchLabels);

        // Then it keeps (0,1,7), (5,4,2) and (6,7,0) and nothing else
        var set = Enumerable.Range(0, mined.Count).Select(i => (mined.Anchors[i], mined.Positives[i], mined.Negatives[i])).Order().ToArray();
        Assert.Equal([(0, 1, 7), (5, 4, 2), (6, 7, 0)], set);
    }

    [Theory]
    [InlineData(TripletSelection.All, "l2")]
    [InlineData(TripletSelection.Hard, "l2")]
    [InlineData(TripletSelection.SemiHard, "l2")]
    [InlineData(TripletSelection.Easy, "l2")]
    [InlineData(TripletSelection.SemiHard, "cosine")]
    [InlineData(TripletSelection.Hard, "cosine")]
    public void Mine_RandomBatch_MatchesBruteForceSelection(TripletSelection selection, string distanceName)
    {
        // Given a random batch with repeated classes
        var rows = RandomMatrix(12, 5, seed: 41);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0];
        var distance = Distance.FromName(distanceName);
        using var e = ToTensor(rows);
        var d = ToArray(distance.Matrix(e, e));
        const double m = 0.3;

        // When mined
        var mined = new TripletMarginMiner(distance, m, selection).Mine(e, labels);

        // Then the selection equals a loop over all valid triplets
        var all = TripletIndices.AllValid(labels);
        var expected = new List<(int, int, int)>();
        for (int i = 0; i < all.Count; i++)
        {
            int a = all.Anchors[i], p = all.Positives[i], n = all.Negatives[i];
            double ap = d[(a * 12) + p], an = d[(a * 12) + n];
            double t = distance.LargerIsCloser ? ap - an : an - ap;
            bool keep = selection switch
            {
                TripletSelection.All => t <= m,
                TripletSelection.Hard => t <= 0,
                TripletSelection.SemiHard => t > 0 && t <= m,
                _ => t > m,
            };
            if (keep)
            {
                expected.Add((a, p, n));
            }
        }

        var actual = Enumerable.Range(0, mined.Count).Select(i => (mined.Anchors[i], mined.Positives[i], mined.Negatives[i]));
        Assert.Equal(expected.Order(), actual.Order());
        Assert.NotEmpty(expected);
    }

    [Theory]
    [InlineData(TripletSelection.All)]
    [InlineData(TripletSelection.SemiHard)]
    public void Mine_LeavesNoLiveTensors(TripletSelection selection)
    {
        // Given a batch made before mining
        using var e = ToTensor(RandomMatrix(12, 5, seed: 41));
        var miner = new TripletMarginMiner(new L2Distance(), 0.3, selection);
        long before = TorchEngine.LiveTensorCount;

        // When mined
        _ = miner.Mine(e, [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0]);

        // Then no tensor outlives the call
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }
}
