using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class InstancePairSamplerTests
{
    [Fact]
    public void Next_Batch_HoldsBDistinctItemsTwiceAsSamePairs()
    {
        // Given a sampler of 5 pairs over 12 items
        var sampler = new InstancePairSampler(count: 12, pairsPerBatch: 5, seed: 1);

        for (int b = 0; b < 50; b++)
        {
            // When a batch is drawn
            var batch = sampler.Next();

            // Then it holds 5 distinct items followed by the same 5 again, without labels
            Assert.Equal(10, batch.Count);
            Assert.Null(batch.Labels);
            Assert.Equal(5, batch.Items.Take(5).Distinct().Count());
            Assert.All(batch.Items, i => Assert.InRange(i, 0, 11));
            Assert.Equal(batch.Items.Take(5), batch.Items.Skip(5));

            // And the pairs are (k, k + 5), all genuine
            var pairs = Assert.IsType<PairIndices>(batch.Tuples);
            Assert.Equal([0, 1, 2, 3, 4], pairs.Left);
            Assert.Equal([5, 6, 7, 8, 9], pairs.Right);
            Assert.All(pairs.Relations, r => Assert.Equal(PairRelation.Same, r));
        }
    }

    [Fact]
    public void Next_ManyBatches_DrawEveryItem()
    {
        var sampler = new InstancePairSampler(count: 10, pairsPerBatch: 3, seed: 2);
        var seen = new int[10];

        for (int b = 0; b < 200; b++)
        {
            foreach (int item in sampler.Next().Items.Take(3))
            {
                seen[item]++;
            }
        }

        // 600 draws over 10 items: about 60 each
        Assert.All(seen, n => Assert.InRange(n, 30, 90));
    }

    [Fact]
    public void Next_AllItemsPerBatch_IsAPermutation()
    {
        var sampler = new InstancePairSampler(count: 4, pairsPerBatch: 4, seed: 3);

        var batch = sampler.Next();

        Assert.Equal([0, 1, 2, 3], batch.Items.Take(4).Order());
    }

    [Fact]
    public void Next_SameSeed_IsReproducible()
    {
        var a = new InstancePairSampler(50, 8, seed: 4);
        var b = new InstancePairSampler(50, 8, seed: 4);
        var c = new InstancePairSampler(50, 8, seed: 5);
        bool anyDifferent = false;

        for (int i = 0; i < 5; i++)
        {
            var items = a.Next().Items;
            Assert.Equal(items, b.Next().Items);
            anyDifferent |= !items.SequenceEqual(c.Next().Items);
        }

        Assert.True(anyDifferent);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 11)]
    public void Constructor_PairsOutOfRange_Throws(int count, int pairs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InstancePairSampler(count, pairs, seed: 1));
    }
}
