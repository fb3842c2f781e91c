using Siamese.Data;
using Siamese.Samplers;
using Siamese.Tests.Losses;
using Siamese.Training;

namespace Siamese.Tests.Data;

public class TextPairSetTests
{
    private static readonly TextPair[] BinaryPairs =
    [
        TextPair.WithRelation("q1", "a1", PairRelation.Same),
        TextPair.WithRelation("q2", "a2", PairRelation.Different),
        TextPair.WithRelation("q1", "a3", PairRelation.Different),
        TextPair.WithRelation("a1", "q1", PairRelation.Same),
        TextPair.WithRelation("q2", "a1", PairRelation.Same),
        TextPair.WithRelation("Q1", "a2", PairRelation.Different),
    ];

    [Fact]
    public void FromPairs_RepeatedTexts_AreKeptOncePerSideInOrderOfFirstAppearance()
    {
        // When a binary set with repeated texts (and "q1"/"a1" on both sides, "Q1" differing only in case) is arranged
        var set = TextPairSet.FromPairs(BinaryPairs);

        // Then each side lists its distinct texts (ordinal, case-sensitive) in order of first appearance
        Assert.Equal(["q1", "q2", "a1", "Q1"], set.FirstTexts);
        Assert.Equal(["a1", "a2", "a3", "q1"], set.SecondTexts);

        // And every pair points at its own texts
        Assert.Equal(6, set.Count);
        for (int i = 0; i < set.Count; i++)
        {
            Assert.Equal(BinaryPairs[i].Text1, set.FirstTexts[set.Left[i]]);
            Assert.Equal(BinaryPairs[i].Text2, set.SecondTexts[set.Right[i]]);
        }

        Assert.Equal([0, 1, 0, 2, 1, 3], set.Left);
        Assert.Equal([0, 1, 2, 3, 0, 1], set.Right);
        Assert.Same(BinaryPairs, set.Pairs);
    }

    [Fact]
    public void FromPairs_Binary_TargetsAreOneAndZeroAndRelationsAsLabelled()
    {
        var set = TextPairSet.FromPairs(BinaryPairs);

        Assert.False(set.IsGraded);
        Assert.Equal([1f, 0f, 0f, 1f, 1f, 0f], set.Targets);
        Assert.Equal(BinaryPairs.Select(p => p.Relation!.Value), set.Relations());
        Assert.Equal(BinaryPairs.Select(p => p.Relation == PairRelation.Same), set.IsSame());
        Assert.Equal(3, set.PositiveCount);
    }

    [Fact]
    public void FromPairs_Graded_TargetsAreTheRescaledScoresAndRelationsFromOneHalf()
    {
        // Given graded pairs with rescaled scores 0.9, 0.5, 0.49 and 0
        var set = TextPairSet.FromPairs(
        [
            TextPair.WithScore("x", "y", 0.9, 4.5),
            TextPair.WithScore("x", "z", 0.5, 2.5),
            TextPair.WithScore("w", "y", 0.49, 2.45),
            TextPair.WithScore("w", "z", 0.0, 0.0),
        ]);

        // Then the targets are the rescaled scores (not the raw ones) and same means a target of at least 0.5
        Assert.True(set.IsGraded);
        Assert.Equal([0.9f, 0.5f, 0.49f, 0f], set.Targets);
        Assert.Equal([PairRelation.Same, PairRelation.Same, PairRelation.Different, PairRelation.Different], set.Relations());
        Assert.Equal([true, true, false, false], set.IsSame());
        Assert.Equal(2, set.PositiveCount);
    }

    [Fact]
    public void ItemPairs_OffsetSecondSideByTheNumberOfFirstTexts()
    {
        // Given 4 distinct first texts
        var set = TextPairSet.FromPairs(BinaryPairs);

        // When the pairs are numbered as items
        var pairs = TextPairItems.Of(set);

        // Then left items are first-side indices and right items the second-side indices plus 4
        Assert.Equal(set.Left, pairs.Left);
        Assert.Equal(set.Right.Select(r => r + 4), pairs.Right);
        Assert.Equal(set.Relations(), pairs.Relations);
        Assert.NotSame(set.Left, pairs.Left);
    }

    [Fact]
    public void ItemPairs_ThroughTheNPairSampler_ServeOnlyThePositivesWithTheirItems()
    {
        // Given the binary set, whose item pairs feed the multiple-negatives (npair) loss as training does, 3 pairs a batch
        var set = TextPairSet.FromPairs(BinaryPairs);
        var sampler = TestLossSpecs.Of("npair", batchSize: 6).CreatePairSampler(TextPairItems.Of(set), set.Targets, seed: 1);

        // When one batch is drawn
        var batch = sampler.Next();
        var pairs = Assert.IsType<PairIndices>(batch.Tuples);

        // Then it holds pairs 0, 3 and 4, the positives: (q1, a1), (a1, q1), (q2, a1) as items (first texts number 4)
        var items = Enumerable.Range(0, pairs.Count).Select(i => (batch.Items[pairs.Left[i]], batch.Items[pairs.Right[i]]));
        Assert.Equal([(0, 4 + 0), (1, 4 + 0), (2, 4 + 3)], items.Order());
        Assert.All(pairs.Relations, r => Assert.Equal(PairRelation.Same, r));
    }

    [Fact]
    public void ItemPairs_WithTargetsThroughAGradedSampler_CarryTheTargetsOverItems()
    {
        // Given a graded set, and the binary one, with their targets fed to a graded loss as training does
        var set = TextPairSet.FromPairs(
        [
            TextPair.WithScore("x", "y", 0.8, 4),
            TextPair.WithScore("w", "y", 0.2, 1),
            TextPair.WithScore("x", "z", 0.6, 3),
        ]);
        var binary = TextPairSet.FromPairs(BinaryPairs);

        // When one batch of all their pairs is drawn from each
        var scored = Served(TestLossSpecs.Of("cosent", batchSize: 6).CreatePairSampler(TextPairItems.Of(set), set.Targets, seed: 1).Next());
        var binaryScored = Served(TestLossSpecs.Of("cosent", batchSize: 12).CreatePairSampler(TextPairItems.Of(binary), binary.Targets, seed: 1).Next());

        // Then each pair comes over its items with its target; binary sets give 1 and 0
        Assert.Equal([(0, 2, 0.8f), (0, 3, 0.6f), (1, 2, 0.2f)], scored);
        float[] binaryTargets = [1f, 0f, 0f, 1f, 1f, 0f];
        Assert.Equal(binary.Left.Select((l, i) => (l, 4 + binary.Right[i], binaryTargets[i])).Order(), binaryScored);
    }

    /// <summary>The pairs of a graded training batch as items with their targets, in order.</summary>
    private static (int Left, int Right, float Target)[] Served(MetricBatch batch)
    {
        var pairs = Assert.IsType<ScoredPairIndices>(batch.Tuples);
        return [.. Enumerable.Range(0, pairs.Count).Select(i => (batch.Items[pairs.Left[i]], batch.Items[pairs.Right[i]], pairs.Scores[i])).Order()];
    }

    [Fact]
    public void FromPairs_BinaryAndGradedMixed_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TextPairSet.FromPairs(
        [
            TextPair.WithRelation("a", "b", PairRelation.Same),
            TextPair.WithScore("c", "d", 0.5, 2.5),
        ]));
        Assert.Contains("binary or graded", ex.Message);
        Assert.Throws<ArgumentException>(() => TextPairSet.FromPairs(
        [
            TextPair.WithScore("c", "d", 0.5, 2.5),
            TextPair.WithRelation("a", "b", PairRelation.Same),
        ]));
    }

    [Fact]
    public void FromPairs_Empty_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TextPairSet.FromPairs([]));
        Assert.Contains("empty", ex.Message);
        Assert.Throws<ArgumentNullException>(() => TextPairSet.FromPairs(null!));
    }
}
