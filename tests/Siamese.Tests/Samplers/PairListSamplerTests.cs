using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class PairListSamplerTests
{
    private static PairIndices FivePairs() => new(
        [0, 1, 2, 3, 4],
        [5, 6, 7, 8, 9],
        [PairRelation.Same, PairRelation.Different, PairRelation.Same, PairRelation.Different, PairRelation.Same]);

    [Fact]
    public void Next_OnePass_ServesEveryPairOnceWithItsRelation()
    {
        // Given a list of five pairs
        var sampler = new PairListSampler(FivePairs(), seed: 1);

        // When five pairs are drawn in batches of 2, 2 and 1
        var batches = new[] { sampler.Next(2), sampler.Next(2), sampler.Next(1) };

        // Then each pair came exactly once, still paired with its partner and relation
        var lefts = batches.SelectMany(b => b.Left).Order().ToArray();
        Assert.Equal([0, 1, 2, 3, 4], lefts);
        foreach (var b in batches)
        {
            for (int i = 0; i < b.Count; i++)
            {
                Assert.Equal(b.Left[i] + 5, b.Right[i]);
                Assert.Equal(b.Left[i] % 2 == 0 ? PairRelation.Same : PairRelation.Different, b.Relations[i]);
            }
        }
    }

    [Fact]
    public void Next_AcrossPasses_ReshufflesAndRepeatsForSameSeed()
    {
        var a = new PairListSampler(FivePairs(), seed: 4);
        var b = new PairListSampler(FivePairs(), seed: 4);

        var first = a.Next(15);
        var second = b.Next(15);

        Assert.Equal(first.Left, second.Left);
        Assert.Equal(3, first.Left.Count(i => i == 2));
        Assert.NotEqual(first.Left.Take(5), first.Left.Skip(5).Take(5));
    }

    [Fact]
    public void Constructor_EmptyList_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PairListSampler(new PairIndices([], [], []), seed: 0));
    }
}
