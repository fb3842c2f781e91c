using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class MetricBatchTests
{
    private static readonly TripletIndices OneTriplet = new([0], [1], [2]);

    [Fact]
    public void Constructor_LabelsOnly_KeepsThem()
    {
        var batch = new MetricBatch([5, 6, 7], [1, 1, 2], null);

        Assert.Equal(3, batch.Count);
        Assert.Equal([5, 6, 7], batch.Items);
        Assert.Equal([1, 1, 2], batch.Labels!);
        Assert.Null(batch.Tuples);
    }

    [Fact]
    public void Constructor_TuplesOnly_KeepsThem()
    {
        var batch = new MetricBatch([5, 6, 7], null, OneTriplet);

        Assert.Null(batch.Labels);
        Assert.Same(OneTriplet, batch.Tuples);
    }

    [Fact]
    public void Constructor_TupleAtTheLastPosition_IsAccepted()
    {
        // Given tuples whose largest index is the batch's last position, and an empty set of tuples
        var quadruplets = new QuadrupletIndices([0], [1], [2], [3]);

        // Then both are accepted
        Assert.Equal(4, new MetricBatch([0, 0, 0, 0], null, quadruplets).Count);
        Assert.Equal(1, new MetricBatch([9], null, new PairIndices([], [], [])).Count);
    }

    [Fact]
    public void Constructor_NeitherLabelsNorTuples_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MetricBatch([1, 2], null, null));
        Assert.Contains("labels or explicit tuples", ex.Message);
    }

    [Fact]
    public void Constructor_LabelCountMismatch_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MetricBatch([1, 2, 3], [0, 1], null));
        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("2 labels for 3", ex.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public void Constructor_TupleIndexOutsideTheBatch_Throws(int index)
    {
        // Given triplets, pairs and quadruplets that each refer one position past the batch of 3
        IBatchTuples[] tuples =
        [
            new TripletIndices([0], [1], [index]),
            new PairIndices([index], [0], [PairRelation.Same]),
            new QuadrupletIndices([0], [1], [2], [index]),
        ];

        // Then each is rejected
        foreach (var t in tuples)
        {
            var ex = Assert.Throws<ArgumentException>(() => new MetricBatch([4, 5, 6], [0, 0, 1], t));
            Assert.Equal("tuples", ex.ParamName);
            Assert.Contains($"position {index}", ex.Message);
        }
    }

    [Fact]
    public void IndexRecords_NegativeIndex_AreRejectedWhenMade()
    {
        // Given index records with an index of -1 (a loss would otherwise read the flat distance-matrix
        // entry row * N - 1, a wrong pair, without any error), then none of them can be made
        Action[] makers =
        [
            () => _ = new TripletIndices([1], [0], [-1]),
            () => _ = new PairIndices([0], [-1], [PairRelation.Same]),
            () => _ = new QuadrupletIndices([0], [1], [2], [-1]),
        ];

        foreach (var make in makers)
        {
            var ex = Assert.Throws<ArgumentException>(make);
            Assert.Contains("negative", ex.Message);
        }
    }

    [Fact]
    public void LargestIndex_EachTupleKind_IsTheLargestOfAllItsArrays()
    {
        Assert.Equal(-1, new TripletIndices([], [], []).LargestIndex());
        Assert.Equal(-1, new QuadrupletIndices([], [], [], []).LargestIndex());
        Assert.Equal(8, new TripletIndices([0, 1], [8, 2], [3, 4]).LargestIndex());
        Assert.Equal(6, new PairIndices([1, 6], [2, 3], [PairRelation.Same, PairRelation.Different]).LargestIndex());
        Assert.Equal(7, new QuadrupletIndices([0], [1], [2], [7]).LargestIndex());
        Assert.Equal(5, new QuadrupletIndices([5], [1], [2], [3]).LargestIndex());
    }
}
