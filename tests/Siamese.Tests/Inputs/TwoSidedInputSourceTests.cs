using Siamese.Data;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Tests.Text;
using Siamese.Tests.Training;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Inputs;

public class TwoSidedInputSourceTests
{
    [Fact]
    public void SideOfAndItemOf_ThreeFirstAndFourSecond_NumberFirstSideFirst()
    {
        // Given 3 first-side and 4 second-side inputs
        var sides = new TwoSidedInputSource(new ConstantRowsSource(3, 2, 0), new ConstantRowsSource(4, 2, 100));

        // Then items 0-2 are first-side, 3-6 second-side, and ItemOf inverts the numbering
        Assert.Equal(7, sides.Count);
        Assert.Equal([PairSide.First, PairSide.First, PairSide.First, PairSide.Second, PairSide.Second, PairSide.Second, PairSide.Second],
            Enumerable.Range(0, 7).Select(sides.SideOf));
        Assert.Equal(0, sides.ItemOf(PairSide.First, 0));
        Assert.Equal(2, sides.ItemOf(PairSide.First, 2));
        Assert.Equal(3, sides.ItemOf(PairSide.Second, 0));
        Assert.Equal(6, sides.ItemOf(PairSide.Second, 3));
        Assert.Same(sides.First, sides.Side(PairSide.First));
        Assert.Same(sides.Second, sides.Side(PairSide.Second));
        Assert.Throws<ArgumentOutOfRangeException>(() => sides.SideOf(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => sides.SideOf(-1));
    }

    [Fact]
    public void Split_MixedItems_GivesPositionsAndLocalIndicesPerSideInBatchOrder()
    {
        var sides = new TwoSidedInputSource(new ConstantRowsSource(3, 2, 0), new ConstantRowsSource(4, 2, 100));

        var (firstPositions, firstIndices, secondPositions, secondIndices) = sides.Split([4, 0, 6, 2, 3, 0]);

        Assert.Equal([1, 3, 5], firstPositions);
        Assert.Equal([0, 2, 0], firstIndices);
        Assert.Equal([0, 2, 4], secondPositions);
        Assert.Equal([1, 3, 0], secondIndices);
    }

    [Fact]
    public void Gather_EqualShapedSides_StacksRowsInBatchOrder()
    {
        // Given sides of rows of width 2 (first-side row i holds i, i + 0.1; second-side row i holds 100 + i, 100.1 + i)
        var first = new ConstantRowsSource(3, 2, 0);
        var second = new ConstantRowsSource(4, 2, 100);
        var sides = new TwoSidedInputSource(first, second);
        int[] items = [4, 0, 6, 2, 3, 0];

        // When a mixed batch is gathered
        using var scope = NewDisposeScope();
        var rows = TensorTestData.ToArray(sides.Gather(items));

        // Then row r is the input of item r, from its side
        float[] expected = items.SelectMany(item => item < 3
            ? new[] { first.Value(item, 0), first.Value(item, 1) }
            : new[] { second.Value(item - 3, 0), second.Value(item - 3, 1) }).ToArray();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Gather_SidesOfOtherShapes_ThrowsForMixedBatchesOnly()
    {
        // Given sides whose rows have widths 2 and 3
        var sides = new TwoSidedInputSource(new ConstantRowsSource(3, 2, 0), new ConstantRowsSource(4, 3, 100));
        using var scope = NewDisposeScope();

        // Then a batch from one side gathers, and a mixed batch cannot be stacked
        Assert.Equal(new long[] { 2, 2 }, sides.Gather([2, 0]).shape);
        Assert.Equal(new long[] { 2, 3 }, sides.Gather([6, 3]).shape);
        var ex = Assert.Throws<InvalidOperationException>(() => sides.Gather([0, 3]));
        Assert.Contains("cannot be stacked", ex.Message);
    }

    [Fact]
    public void ForPairs_TextPairSet_NumbersItemsAsTheSetsItemPairs()
    {
        // Given a pair set with 2 distinct first texts and 3 distinct second texts
        var set = TextPairSet.FromPairs(
        [
            TextPair.WithRelation("q1", "a", PairRelation.Same),
            TextPair.WithRelation("q2", "b", PairRelation.Different),
            TextPair.WithRelation("q1", "c", PairRelation.Different),
        ]);

        // When its texts become a two-sided source
        var sides = TextInputSource.ForPairs(set, SmallTextModels.Tokenizer());

        // Then the sides hold the set's texts and every item pair points at the right side
        Assert.Equal(2, sides.First.Count);
        Assert.Equal(3, sides.Second.Count);
        var pairs = TextPairItems.Of(set);
        Assert.All(pairs.Left, i => Assert.Equal(PairSide.First, sides.SideOf(i)));
        Assert.All(pairs.Right, i => Assert.Equal(PairSide.Second, sides.SideOf(i)));
        Assert.Throws<ArgumentNullException>(() => TextInputSource.ForPairs(null!, SmallTextModels.Tokenizer()));
    }
}
