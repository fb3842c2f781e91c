using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class FewShotEpisodeSamplerTests
{
    /// <summary>
    /// Classes 10, 20, 30 and 40 with 6, 7, 4 and 9 items, class 50 with 3 and class 60 with 1, shuffled: for K + Q = 4
    /// only the first four are eligible.
    /// </summary>
    private static readonly int[] Labels = Shuffle(
        [.. Enumerable.Repeat(10, 6), .. Enumerable.Repeat(20, 7), .. Enumerable.Repeat(30, 4), .. Enumerable.Repeat(40, 9), .. Enumerable.Repeat(50, 3), 60],
        seed: 3);

    private static int[] Shuffle(int[] values, int seed)
    {
        var copy = (int[])values.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }

    [Fact]
    public void Next_ManyEpisodes_HaveDistinctClassesItemsAndCorrectLabels()
    {
        // Given a 3-way 2-shot sampler with 2 queries per class
        var sampler = new FewShotEpisodeSampler(Labels, way: 3, shots: 2, queriesPerClass: 2, seed: 1);
        var seenClasses = new HashSet<int>();

        for (int e = 0; e < 300; e++)
        {
            // When an episode is drawn
            var episode = sampler.Next();

            // Then it has N distinct eligible classes, N·K support and N·Q queries, all distinct items
            Assert.Equal(3, episode.Way);
            Assert.Equal(2, episode.Shots);
            Assert.Equal(3, episode.Classes.Distinct().Count());
            Assert.All(episode.Classes, c => Assert.Contains(c, new[] { 10, 20, 30, 40 }));
            Assert.Equal(6, episode.Support.Length);
            Assert.Equal(6, episode.Queries.Length);
            Assert.Equal(12, episode.Support.Concat(episode.Queries).Distinct().Count());
            Assert.Empty(episode.Queries.Intersect(episode.Support));

            // And support is class-major with the right labels, and each query's class position names its label
            for (int i = 0; i < episode.Support.Length; i++)
            {
                Assert.Equal(episode.Classes[i / 2], Labels[episode.Support[i]]);
            }

            Assert.Equal([0, 0, 1, 1, 2, 2], episode.QueryClasses);
            for (int q = 0; q < episode.Queries.Length; q++)
            {
                Assert.Equal(episode.Classes[episode.QueryClasses[q]], Labels[episode.Queries[q]]);
            }

            seenClasses.UnionWith(episode.Classes);
        }

        // And over many episodes every eligible class takes part
        Assert.Equal([10, 20, 30, 40], seenClasses.Order());
    }

    [Fact]
    public void Next_SmallestEligibleClass_UsesAllItsItems()
    {
        // Given K + Q = 4 and class 30, which has exactly 4 items
        var sampler = new FewShotEpisodeSampler(Labels, way: 4, shots: 1, queriesPerClass: 3, seed: 2);

        // When an episode is drawn (4-way: every eligible class takes part)
        var episode = sampler.Next();

        // Then class 30's support and queries are its four items
        int c = Array.IndexOf(episode.Classes, 30);
        var items = episode.Support.Skip(c).Take(1).Concat(episode.Queries.Skip(3 * c).Take(3)).Order();
        Assert.Equal(Enumerable.Range(0, Labels.Length).Where(i => Labels[i] == 30), items);
    }

    [Fact]
    public void Next_SameSeed_ReplaysTheSameEpisodes()
    {
        var first = new FewShotEpisodeSampler(Labels, 3, 1, 2, seed: 7);
        var second = new FewShotEpisodeSampler(Labels, 3, 1, 2, seed: 7);
        var other = new FewShotEpisodeSampler(Labels, 3, 1, 2, seed: 8);
        bool anyDifferent = false;

        for (int e = 0; e < 10; e++)
        {
            var a = first.Next();
            var b = second.Next();
            var c = other.Next();
            Assert.Equal(a.Classes, b.Classes);
            Assert.Equal(a.Support, b.Support);
            Assert.Equal(a.Queries, b.Queries);
            Assert.Equal(a.QueryClasses, b.QueryClasses);
            anyDifferent |= !a.Support.SequenceEqual(c.Support) || !a.Queries.SequenceEqual(c.Queries);
        }

        Assert.True(anyDifferent);
    }

    [Fact]
    public void EligibleClassCount_CountsClassesWithKPlusQItems()
    {
        Assert.Equal(4, new FewShotEpisodeSampler(Labels, 2, 2, 2, seed: 1).EligibleClassCount);
        Assert.Equal(5, new FewShotEpisodeSampler(Labels, 2, 1, 2, seed: 1).EligibleClassCount);
        Assert.Equal(2, new FewShotEpisodeSampler(Labels, 2, 5, 2, seed: 1).EligibleClassCount);
    }

    [Fact]
    public void Constructor_TooFewEligibleClasses_ThrowsWithTheCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FewShotEpisodeSampler(Labels, way: 5, shots: 2, queriesPerClass: 2, seed: 1));

        Assert.Contains("5-way 2-shot", ex.Message);
        Assert.Contains("at least 4 items", ex.Message);
        Assert.Contains("4 such classes (of 6)", ex.Message);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 0, 1)]
    [InlineData(2, 1, 0)]
    public void Constructor_InvalidShape_Throws(int way, int shots, int queries)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FewShotEpisodeSampler(Labels, way, shots, queries, seed: 1));
    }
}
