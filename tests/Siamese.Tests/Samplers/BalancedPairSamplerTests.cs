using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class BalancedPairSamplerTests
{
    private static readonly int[] Labels = Enumerable.Range(0, 300).Select(i => i % 5).ToArray();

    [Fact]
    public void Next_Batch_IsHalfGenuineHalfImpostorWithCorrectRelations()
    {
        // Given a sampler over 5 classes
        var sampler = new BalancedPairSampler(Labels, seed: 3);

        // When 101 pairs are drawn
        var pairs = sampler.Next(101);

        // Then 51 are genuine, 50 impostor, each relation agrees with the labels, and no item is paired with itself
        Assert.Equal(51, pairs.Relations.Count(r => r == PairRelation.Same));
        Assert.Equal(50, pairs.Relations.Count(r => r == PairRelation.Different));
        for (int i = 0; i < pairs.Count; i++)
        {
            Assert.NotEqual(pairs.Left[i], pairs.Right[i]);
            bool sameClass = Labels[pairs.Left[i]] == Labels[pairs.Right[i]];
            Assert.Equal(sameClass, pairs.Relations[i] == PairRelation.Same);
        }
    }

    [Fact]
    public void Next_SameSeed_GivesSameSequence_OtherSeedDiffers()
    {
        var a = new BalancedPairSampler(Labels, seed: 9);
        var b = new BalancedPairSampler(Labels, seed: 9);
        var c = new BalancedPairSampler(Labels, seed: 10);

        var first = a.Next(64);
        var second = b.Next(64);
        var other = c.Next(64);

        Assert.Equal(first.Left, second.Left);
        Assert.Equal(first.Right, second.Right);
        Assert.Equal(first.Relations, second.Relations);
        Assert.NotEqual(first.Left, other.Left);
    }

    [Fact]
    public void Next_ManyBatches_CoversEveryClassInBothRoles()
    {
        var sampler = new BalancedPairSampler(Labels, seed: 1);
        var pairs = sampler.Next(2000);
        var genuineClasses = pairs.Left.Where((_, i) => pairs.Relations[i] == PairRelation.Same).Select(i => Labels[i]).Distinct();
        Assert.Equal(5, genuineClasses.Count());
    }

    [Fact]
    public void Constructor_OneClass_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BalancedPairSampler([1, 1, 1], seed: 0));
        Assert.Contains("at least 2 classes", ex.Message);
    }

    [Fact]
    public void Constructor_NoClassWithTwoItems_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BalancedPairSampler([1, 2, 3], seed: 0));
    }

    [Fact]
    public void PairIndices_DefaultRelation_IsRejected()
    {
        // A default(PairRelation) is 0, the bare number this library refuses to interpret.
        Assert.Throws<ArgumentException>(() => new PairIndices([0], [1], [default]));
    }
}
