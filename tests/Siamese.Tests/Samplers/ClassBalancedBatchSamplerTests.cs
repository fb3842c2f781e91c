using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class ClassBalancedBatchSamplerTests
{
    /// <summary>Six classes with labels 10, 20, ..., 60 (not 0..5, so label and class index cannot be confused), 9 items each, interleaved.</summary>
    private static readonly int[] SixClasses = Enumerable.Range(0, 54).Select(i => 10 * (1 + (i % 6))).ToArray();

    [Fact]
    public void Next_ManyBatches_HoldClassesPerBatchDistinctClassesOfSamplesPerClassDistinctItems()
    {
        // Given six classes of 9 items and batches of 12 with 4 per class
        var sampler = new ClassBalancedBatchSampler(SixClasses, batchSize: 12, samplesPerClass: 4, seed: 1);
        var classesSeen = new HashSet<int>();

        for (int b = 0; b < 50; b++)
        {
            // When a batch is drawn
            var batch = sampler.Next();

            // Then it holds 3 distinct classes x 4 distinct items, each labelled with its data label, and no tuples
            Assert.Equal(3, sampler.ClassesPerBatch);
            Assert.Equal(12, sampler.BatchSize);
            Assert.Equal(12, batch.Count);
            Assert.Null(batch.Tuples);
            Assert.NotNull(batch.Labels);
            for (int i = 0; i < batch.Count; i++)
            {
                Assert.Equal(SixClasses[batch.Items[i]], batch.Labels![i]);
            }

            var groups = batch.Items.GroupBy(item => SixClasses[item]).ToArray();
            Assert.Equal(3, groups.Length);
            Assert.All(groups, g => Assert.Equal(4, g.Count()));
            Assert.All(groups, g => Assert.Equal(4, g.Distinct().Count()));
            classesSeen.UnionWith(groups.Select(g => g.Key));
        }

        // And over many batches every class takes part
        Assert.Equal(SixClasses.Distinct().Order(), classesSeen.Order());
    }

    [Fact]
    public void Next_ManyBatches_DrawsEveryItemOfAClass()
    {
        // Given a class of 9 items and 4 drawn per batch
        var sampler = new ClassBalancedBatchSampler(SixClasses, batchSize: 12, samplesPerClass: 4, seed: 2);
        var seen = new HashSet<int>();

        // When many batches are drawn
        for (int b = 0; b < 100; b++)
        {
            seen.UnionWith(sampler.Next().Items);
        }

        // Then every item of the data set appeared at least once (the draw within a class is not stuck on a subset)
        Assert.Equal(SixClasses.Length, seen.Count);
    }

    [Fact]
    public void Next_SameSeed_GivesTheSameBatches()
    {
        // Given two samplers with one seed and one with another
        var a = new ClassBalancedBatchSampler(SixClasses, 12, 4, seed: 7);
        var b = new ClassBalancedBatchSampler(SixClasses, 12, 4, seed: 7);
        var c = new ClassBalancedBatchSampler(SixClasses, 12, 4, seed: 8);

        // When each draws ten batches
        var fromA = Enumerable.Range(0, 10).SelectMany(_ => a.Next().Items).ToArray();
        var fromB = Enumerable.Range(0, 10).SelectMany(_ => b.Next().Items).ToArray();
        var fromC = Enumerable.Range(0, 10).SelectMany(_ => c.Next().Items).ToArray();

        // Then the same seed repeats the sequence and another seed does not
        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
    }

    [Fact]
    public void Next_ClassSmallerThanSamplesPerClass_IsFilledWithRepeatsOfItsOwnItems()
    {
        // Given two classes: label 5 with 3 items, label 9 with 8 items, and 5 samples per class
        int[] labels = [5, 9, 5, 9, 9, 5, 9, 9, 9, 9, 9];
        int[] small = [0, 2, 5];
        var sampler = new ClassBalancedBatchSampler(labels, batchSize: 10, samplesPerClass: 5, seed: 3);

        for (int b = 0; b < 20; b++)
        {
            // When a batch is drawn
            var batch = sampler.Next();

            // Then the small class holds all of its 3 items plus 2 repeats of them, and the large class 5 distinct items
            var fromSmall = batch.Items.Where(i => labels[i] == 5).ToArray();
            var fromLarge = batch.Items.Where(i => labels[i] == 9).ToArray();
            Assert.Equal(5, fromSmall.Length);
            Assert.Equal(small, fromSmall.Distinct().Order());
            Assert.Equal(5, fromLarge.Length);
            Assert.Equal(5, fromLarge.Distinct().Count());
            Assert.All(Enumerable.Range(0, batch.Count), i => Assert.Equal(labels[batch.Items[i]], batch.Labels![i]));
        }
    }

    [Fact]
    public void Constructor_ClassWithOneSample_ThrowsNamingThatClass()
    {
        // Given labels where class 42 has a single item
        int[] labels = [1, 1, 42, 3, 3, 1, 3];

        // When a sampler is made
        var ex = Assert.Throws<ArgumentException>(() => new ClassBalancedBatchSampler(labels, batchSize: 4, samplesPerClass: 2, seed: 1));

        // Then the message names the class
        Assert.Contains("class 42", ex.Message);
    }

    [Theory]
    [InlineData(10, 4)] // not a multiple of the samples per class
    [InlineData(4, 4)] // a single class per batch
    [InlineData(28, 4)] // 7 classes per batch but the data has 6
    public void Constructor_InvalidBatchShape_ThrowsArgumentException(int batchSize, int samplesPerClass)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClassBalancedBatchSampler(SixClasses, batchSize, samplesPerClass, seed: 1));
        Assert.Equal("batchSize", ex.ParamName);
    }

    [Fact]
    public void Constructor_OneSamplePerClass_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassBalancedBatchSampler(SixClasses, batchSize: 6, samplesPerClass: 1, seed: 1));
    }

    [Fact]
    public void Constructor_AllClassesPerBatch_IsAllowed()
    {
        // Given a batch that needs exactly every class of the data
        var sampler = new ClassBalancedBatchSampler(SixClasses, batchSize: 24, samplesPerClass: 4, seed: 1);

        // When a batch is drawn
        var batch = sampler.Next();

        // Then it holds every class
        Assert.Equal(6, batch.Labels!.Distinct().Count());
    }
}
