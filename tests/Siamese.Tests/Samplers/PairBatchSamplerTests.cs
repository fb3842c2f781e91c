using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class PairBatchSamplerTests
{
    [Fact]
    public void Next_FixedPairs_EmbedsLeftItemsThenRightItemsAndIndexesThem()
    {
        // Given a pair source that serves three fixed pairs
        var drawn = new PairIndices([7, 2, 9], [4, 2, 0], [PairRelation.Same, PairRelation.Different, PairRelation.Same]);
        var source = new FixedPairs(drawn);
        var sampler = new PairBatchSampler(source, pairsPerBatch: 3);

        // When a batch is drawn
        var batch = sampler.Next();

        // Then it asked for 3 pairs, embeds the left items then the right items, and pairs position i with n + i
        Assert.Equal([3], source.Requests);
        Assert.Equal([7, 2, 9, 4, 2, 0], batch.Items);
        Assert.Null(batch.Labels);
        var pairs = Assert.IsType<PairIndices>(batch.Tuples);
        Assert.Equal([0, 1, 2], pairs.Left);
        Assert.Equal([3, 4, 5], pairs.Right);
        Assert.Equal(drawn.Relations, pairs.Relations);
    }

    [Fact]
    public void Next_BalancedPairs_EachBatchPairStandsForTheDrawnPair()
    {
        // Given balanced pairs over labelled data and a twin sampler with the same seed
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 2];
        var expected = new BalancedPairSampler(labels, seed: 4);
        var sampler = new PairBatchSampler(new BalancedPairSampler(labels, seed: 4), pairsPerBatch: 8);

        for (int b = 0; b < 5; b++)
        {
            // When a batch is drawn
            var batch = sampler.Next();
            var drawn = expected.Next(8);

            // Then batch pair i is data pair i, relation included
            var pairs = Assert.IsType<PairIndices>(batch.Tuples);
            Assert.Equal(16, batch.Count);
            Assert.Equal(drawn.Left, pairs.Left.Select(i => batch.Items[i]));
            Assert.Equal(drawn.Right, pairs.Right.Select(i => batch.Items[i]));
            Assert.Equal(drawn.Relations, pairs.Relations);
            for (int i = 0; i < pairs.Count; i++)
            {
                bool sameClass = labels[batch.Items[pairs.Left[i]]] == labels[batch.Items[pairs.Right[i]]];
                Assert.Equal(sameClass ? PairRelation.Same : PairRelation.Different, pairs.Relations[i]);
            }
        }
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new PairBatchSampler(null!, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairBatchSampler(new FixedPairs(new PairIndices([], [], [])), 0));
    }

    private sealed class FixedPairs(PairIndices pairs) : IPairSampler
    {
        public List<int> Requests { get; } = [];

        public PairIndices Next(int count)
        {
            Requests.Add(count);
            return pairs;
        }
    }
}
