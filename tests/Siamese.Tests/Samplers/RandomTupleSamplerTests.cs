using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class RandomTupleSamplerTests
{
    /// <summary>Labels 3 (5 items), 8 (4 items), 5 (1 item: never an anchor) and 6 (3 items).</summary>
    private static readonly int[] Labels = [3, 8, 3, 5, 8, 3, 6, 8, 3, 6, 8, 3, 6];

    [Fact]
    public void Next_Triplets_AreValidAndLaidOutAsAnchorsPositivesNegatives()
    {
        // Given a triplet sampler of 40 triplets per batch
        var sampler = new RandomTupleSampler(Labels, tuplesPerBatch: 40, quadruplets: false, seed: 1);
        var negativeClasses = new HashSet<int>();

        for (int b = 0; b < 10; b++)
        {
            // When a batch is drawn
            var batch = sampler.Next();

            // Then it embeds anchors, positives, negatives in blocks of 40, with the triplets indexing those blocks
            var t = Assert.IsType<TripletIndices>(batch.Tuples);
            Assert.Equal(120, batch.Count);
            Assert.Equal(40, t.Count);
            Assert.Equal(Enumerable.Range(0, 40), t.Anchors);
            Assert.Equal(Enumerable.Range(40, 40), t.Positives);
            Assert.Equal(Enumerable.Range(80, 40), t.Negatives);

            // And each batch label is its item's data label
            Assert.Equal(batch.Items.Select(i => Labels[i]), batch.Labels!);

            // And every triplet is valid: positive of the anchor's class but another item, negative of another class
            for (int i = 0; i < t.Count; i++)
            {
                int a = batch.Items[t.Anchors[i]], p = batch.Items[t.Positives[i]], n = batch.Items[t.Negatives[i]];
                Assert.Equal(Labels[a], Labels[p]);
                Assert.NotEqual(a, p);
                Assert.NotEqual(Labels[a], Labels[n]);
                Assert.NotEqual(5, Labels[a]);
                negativeClasses.Add(Labels[n]);
            }
        }

        // And every class, the singleton included, serves as a negative
        Assert.Equal([3, 5, 6, 8], negativeClasses.Order());
    }

    [Fact]
    public void Next_Quadruplets_AreValidWithASecondNegativeOfAThirdClass()
    {
        // Given a quadruplet sampler
        var sampler = new RandomTupleSampler(Labels, tuplesPerBatch: 30, quadruplets: true, seed: 2);
        var classTriples = new HashSet<(int, int, int)>();

        for (int b = 0; b < 20; b++)
        {
            // When a batch is drawn
            var batch = sampler.Next();

            // Then it embeds four blocks of 30 and its quadruplets index them
            var q = Assert.IsType<QuadrupletIndices>(batch.Tuples);
            Assert.Equal(120, batch.Count);
            Assert.Equal(Enumerable.Range(0, 30), q.Anchors);
            Assert.Equal(Enumerable.Range(30, 30), q.Positives);
            Assert.Equal(Enumerable.Range(60, 30), q.Negatives);
            Assert.Equal(Enumerable.Range(90, 30), q.SecondNegatives);
            Assert.Equal(batch.Items.Select(i => Labels[i]), batch.Labels!);

            // And each quadruplet is valid
            for (int i = 0; i < q.Count; i++)
            {
                int a = batch.Items[q.Anchors[i]], p = batch.Items[q.Positives[i]];
                int n = batch.Items[q.Negatives[i]], n2 = batch.Items[q.SecondNegatives[i]];
                Assert.Equal(Labels[a], Labels[p]);
                Assert.NotEqual(a, p);
                Assert.NotEqual(Labels[a], Labels[n]);
                Assert.NotEqual(Labels[a], Labels[n2]);
                Assert.NotEqual(Labels[n], Labels[n2]);
                classTriples.Add((Labels[a], Labels[n], Labels[n2]));
            }
        }

        // And the third class takes every allowed value: 3 anchor classes x 3 negative classes x 2 third classes
        Assert.Equal(18, classTriples.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_SameSeed_GivesTheSameBatches(bool quadruplets)
    {
        // Given two samplers with one seed and one with another
        var a = new RandomTupleSampler(Labels, 16, quadruplets, seed: 5);
        var b = new RandomTupleSampler(Labels, 16, quadruplets, seed: 5);
        var c = new RandomTupleSampler(Labels, 16, quadruplets, seed: 6);

        // When each draws five batches
        var fromA = Enumerable.Range(0, 5).SelectMany(_ => a.Next().Items).ToArray();
        var fromB = Enumerable.Range(0, 5).SelectMany(_ => b.Next().Items).ToArray();
        var fromC = Enumerable.Range(0, 5).SelectMany(_ => c.Next().Items).ToArray();

        // Then the same seed repeats the sequence and another does not
        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
    }

    [Fact]
    public void Constructor_QuadrupletsWithTwoClasses_Throws()
    {
        // Given two classes: enough for triplets, not for quadruplets
        int[] labels = [0, 0, 1, 1];
        _ = new RandomTupleSampler(labels, 4, quadruplets: false, seed: 1);

        var ex = Assert.Throws<ArgumentException>(() => new RandomTupleSampler(labels, 4, quadruplets: true, seed: 1));
        Assert.Contains("3 classes", ex.Message);
    }

    [Fact]
    public void Constructor_TripletsWithOneClass_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RandomTupleSampler([4, 4, 4], 4, quadruplets: false, seed: 1));
        Assert.Contains("2 classes", ex.Message);
    }

    [Fact]
    public void Constructor_NoClassWithTwoItems_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RandomTupleSampler([0, 1, 2, 3], 4, quadruplets: false, seed: 1));
    }

    [Fact]
    public void Constructor_NoTuplesPerBatch_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTupleSampler(Labels, 0, quadruplets: false, seed: 1));
    }
}
