using Siamese.Losses;
using Siamese.Samplers;
using Siamese.Training;

namespace Siamese.Tests.Losses;

public class LossSpecPairSamplerTests
{
    // 6 labelled pairs over items 0-11: pairs 0, 2 and 5 are positives
    private static readonly PairIndices Pairs = new(
        [0, 1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10, 11],
        [PairRelation.Same, PairRelation.Different, PairRelation.Same, PairRelation.Different, PairRelation.Different, PairRelation.Same]);

    private static readonly float[] Targets = [0.9f, 0.1f, 0.6f, 0.4f, 0.0f, 1.0f];

    private static (int Left, int Right)[] PairsOf(MetricBatch batch, out object[] labels)
    {
        switch (batch.Tuples)
        {
            case ScoredPairIndices scored:
                labels = scored.Scores.Cast<object>().ToArray();
                return Enumerable.Range(0, scored.Count).Select(i => (batch.Items[scored.Left[i]], batch.Items[scored.Right[i]])).ToArray();
            case PairIndices pairs:
                labels = pairs.Relations.Cast<object>().ToArray();
                return Enumerable.Range(0, pairs.Count).Select(i => (batch.Items[pairs.Left[i]], batch.Items[pairs.Right[i]])).ToArray();
            default:
                throw new InvalidOperationException($"unexpected tuples {batch.Tuples?.GetType().Name}");
        }
    }

    /// <summary>Every pair served by <paramref name="batches"/> batches, with what the loss learns from it.</summary>
    private static List<(int Left, int Right, object Label)> Serve(IBatchSampler sampler, int batches)
    {
        var served = new List<(int, int, object)>();
        for (int b = 0; b < batches; b++)
        {
            var pairs = PairsOf(sampler.Next(), out var labels);
            served.AddRange(pairs.Select((p, i) => (p.Left, p.Right, labels[i])));
        }

        return served;
    }

    [Theory]
    [InlineData("cosent")]
    [InlineData("score-mse")]
    public void CreatePairSampler_GradedLossWithTargets_ServesEveryPairWithItsTarget(string loss)
    {
        // Given a graded loss with 8 inputs (4 pairs) per step
        var setup = TestLossSpecs.Of(loss, batchSize: 8);

        // When 3 batches (12 pairs, two passes) are drawn
        var sampler = setup.CreatePairSampler(Pairs, Targets, seed: 1);
        var served = Serve(sampler, 3);

        // Then they are scored-pair batches of 4 pairs, and each pair comes with its own target, twice
        Assert.IsType<ScoredPairBatchSampler>(sampler);
        Assert.Equal(8, setup.CreatePairSampler(Pairs, Targets, seed: 1).Next().Count);
        Assert.Equal(12, served.Count);
        for (int i = 0; i < Pairs.Count; i++)
        {
            Assert.Equal(2, served.Count(s => s.Equals((Pairs.Left[i], Pairs.Right[i], (object)Targets[i]))));
        }
    }

    [Fact]
    public void CreatePairSampler_GradedLossWithoutTargets_UsesOneForSameAndZeroForDifferent()
    {
        var setup = TestLossSpecs.Of("cosent", batchSize: 12);

        var served = Serve(setup.CreatePairSampler(Pairs, null, seed: 2), 1);

        Assert.Equal(6, served.Count);
        for (int i = 0; i < Pairs.Count; i++)
        {
            float expected = Pairs.Relations[i] == PairRelation.Same ? 1f : 0f;
            Assert.Contains((Pairs.Left[i], Pairs.Right[i], (object)expected), served);
        }
    }

    [Fact]
    public void CreatePairSampler_NPair_ServesOnlyThePositivePairs()
    {
        // Given npair with room for 8 pairs per step but only 3 positives in the list
        // (SamplesPerClass set so that Validate's class-balanced checks pass; see the skipped test below)
        var setup = TestLossSpecs.Of("npair", batchSize: 16, samplesPerClass: 4);

        // When 4 batches are drawn
        var sampler = setup.CreatePairSampler(Pairs, null, seed: 3);
        var served = Serve(sampler, 4);

        // Then each batch holds the 3 positives (no more pairs than there are), and nothing else is ever served
        var positives = new[] { 0, 2, 5 }.Select(i => (Pairs.Left[i], Pairs.Right[i], (object)PairRelation.Same)).ToArray();
        Assert.Equal(12, served.Count);
        Assert.All(served, s => Assert.Contains(s, positives));
        Assert.All(positives, p => Assert.Equal(4, served.Count(s => s.Equals(p))));
    }

    [Theory]
    [InlineData("contrastive", null)]
    [InlineData("energy-contrastive", null)]
    [InlineData("bce", "none")]
    public void CreatePairSampler_PairLoss_ServesAllPairsWithTheirRelations(string loss, string? miner)
    {
        var setup = TestLossSpecs.Of(loss, miner: miner, batchSize: 6, margin: loss == "energy-contrastive" ? 4.0 : null);

        var sampler = setup.CreatePairSampler(Pairs, null, seed: 4);
        var served = Serve(sampler, 4);

        // 3 pairs per batch, 12 pairs = the list twice, each with its own relation
        Assert.IsType<PairBatchSampler>(sampler);
        Assert.Equal(12, served.Count);
        for (int i = 0; i < Pairs.Count; i++)
        {
            Assert.Equal(2, served.Count(s => s.Equals((Pairs.Left[i], Pairs.Right[i], (object)Pairs.Relations[i]))));
        }
    }

    [Theory]
    [InlineData("triplet", null)]
    [InlineData("triplet", "none")]
    [InlineData("online-contrastive", null)]
    [InlineData("quadruplet", null)]
    [InlineData("prototypical", null)]
    [InlineData("bce", "hard-pair")]
    public void CreatePairSampler_LossThatNeedsClassLabels_Throws(string loss, string? miner)
    {
        var setup = TestLossSpecs.Of(loss, miner: miner, batchSize: 16, samplesPerClass: 4);

        var ex = Assert.Throws<ArgumentException>(() => setup.CreatePairSampler(Pairs, null, seed: 1));

        Assert.Contains("class labels", ex.Message);
    }

    [Fact]
    public void CreatePairSampler_NPairWithBatchNotAMultipleOfSamplesPerClass_ServesPositivePairs()
    {
        // Given npair from a pair list with 50 pairs per step and the default 32 samples per class, which a pair list never uses
        var setup = TestLossSpecs.Of("npair", batchSize: 100);

        // When the sampler is built and a batch drawn
        var served = Serve(setup.CreatePairSampler(Pairs, null, seed: 3), 1);

        // Then the batch holds the 3 positive pairs (as with a batch size of 128)
        Assert.Equal(3, served.Count);
        Assert.All(served, s => Assert.Equal(PairRelation.Same, s.Label));
    }

    [Fact]
    public void CreatePairSampler_NPairWithOnePositive_Throws()
    {
        var onePositive = new PairIndices([0, 1], [2, 3], [PairRelation.Same, PairRelation.Different]);
        var ex = Assert.Throws<ArgumentException>(() => TestLossSpecs.Of("npair", batchSize: 8, samplesPerClass: 4).CreatePairSampler(onePositive, null, seed: 1));
        Assert.Contains("1", ex.Message);
    }

    [Fact]
    public void CreateSampler_GradedLossFromClassLabels_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestLossSpecs.Of("score-mse", batchSize: 8).CreateSampler([0, 0, 1, 1], seed: 1));
        Assert.Contains("CreatePairSampler", ex.Message);
    }

    [Fact]
    public void NameLists_GradedAndPairListLosses_AreKnownLosses()
    {
        Assert.Equal(["cosent", "score-mse"], LossCatalog.GradedNames);
        Assert.All(LossCatalog.PairListNames, name => Assert.Contains(name, LossCatalog.Names));
        Assert.All(LossCatalog.GradedNames, name => Assert.Contains(name, LossCatalog.PairListNames));
        Assert.DoesNotContain("triplet", LossCatalog.PairListNames);
    }
}
