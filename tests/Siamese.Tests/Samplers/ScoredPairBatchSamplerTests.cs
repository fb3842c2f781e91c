using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class ScoredPairBatchSamplerTests
{
    // 7 pairs over items 0-9, each pair told apart by its (left, right, score)
    private static readonly ScoredPairIndices Pairs = new(
        [0, 1, 2, 3, 0, 4, 2],
        [5, 6, 7, 8, 9, 5, 9],
        [0.1f, 0.9f, 0.5f, 0.0f, 1.0f, 0.3f, 0.7f]);

    /// <summary>The pairs a batch serves, read back through its items and tuples.</summary>
    private static (int Left, int Right, float Score)[] Drawn(MetricBatch batch)
    {
        var tuples = Assert.IsType<ScoredPairIndices>(batch.Tuples);
        return Enumerable.Range(0, tuples.Count).Select(i => (batch.Items[tuples.Left[i]], batch.Items[tuples.Right[i]], tuples.Scores[i])).ToArray();
    }

    private static (int, int, float)[] All(ScoredPairIndices pairs) =>
        Enumerable.Range(0, pairs.Count).Select(i => (pairs.Left[i], pairs.Right[i], pairs.Scores[i])).ToArray();

    [Fact]
    public void Next_ThreePairsPerBatch_LeftItemsThenRightItemsWithTuplesOverPositions()
    {
        var sampler = new ScoredPairBatchSampler(Pairs, pairsPerBatch: 3, seed: 1);

        var batch = sampler.Next();

        // The batch embeds 6 items: the 3 left items, then the 3 right items; tuple i is (i, 3 + i) with its pair's score
        Assert.Equal(6, batch.Count);
        Assert.Null(batch.Labels);
        var tuples = Assert.IsType<ScoredPairIndices>(batch.Tuples);
        Assert.Equal([0, 1, 2], tuples.Left);
        Assert.Equal([3, 4, 5], tuples.Right);
        Assert.All(Drawn(batch), pair => Assert.Contains(pair, All(Pairs)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public void Next_ManyBatches_ServesEveryPairOncePerPassBeforeAnyRepeats(int pairsPerBatch)
    {
        // Given a sampler over 7 pairs
        var sampler = new ScoredPairBatchSampler(Pairs, pairsPerBatch, seed: 3);

        // When batches covering 6 passes are drawn
        var stream = Enumerable.Range(0, 42 / pairsPerBatch + 1).SelectMany(_ => Drawn(sampler.Next())).ToArray();

        // Then each consecutive run of 7 pairs is the whole list in some order, and the passes' orders differ
        var expected = All(Pairs).Order().ToArray();
        var passes = Enumerable.Range(0, 6).Select(p => stream.Skip(7 * p).Take(7).ToArray()).ToArray();
        Assert.All(passes, pass => Assert.Equal(expected, pass.Order().ToArray()));
        Assert.True(passes.Skip(1).Any(pass => !pass.SequenceEqual(passes[0])), "every pass came in the same order: no reshuffle");
    }

    [Fact]
    public void Next_SameSeed_SameBatches_OtherSeed_OtherOrder()
    {
        var a = new ScoredPairBatchSampler(Pairs, 4, seed: 9);
        var b = new ScoredPairBatchSampler(Pairs, 4, seed: 9);
        var c = new ScoredPairBatchSampler(Pairs, 4, seed: 10);

        var fromA = Enumerable.Range(0, 5).SelectMany(_ => Drawn(a.Next())).ToArray();
        var fromB = Enumerable.Range(0, 5).SelectMany(_ => Drawn(b.Next())).ToArray();
        var fromC = Enumerable.Range(0, 5).SelectMany(_ => Drawn(c.Next())).ToArray();

        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
    }

    [Fact]
    public void Constructor_NoPairsOrNoPairsPerBatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ScoredPairBatchSampler(new ScoredPairIndices([], [], []), 2, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoredPairBatchSampler(Pairs, 0, seed: 1));
        Assert.Throws<ArgumentNullException>(() => new ScoredPairBatchSampler(null!, 2, seed: 1));
    }
}
