using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public class QuadrupletIndicesTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0, 4 })]
    [InlineData(new[] { 7, 7, 3, 9 })]
    [InlineData(new[] { 0, 1, 0, 1 })]
    [InlineData(new[] { 5, 5, 5 })]
    public void AllValid_Labels_EqualsAFourfoldLoopInTheSameOrder(int[] labels)
    {
        // When every valid quadruplet is listed
        var all = QuadrupletIndices.AllValid(labels);

        // Then it equals a loop over (anchor, positive, negative, second negative) with the validity rules
        var expected = new List<(int, int, int, int)>();
        for (int a = 0; a < labels.Length; a++)
        {
            for (int p = 0; p < labels.Length; p++)
            {
                for (int n = 0; n < labels.Length; n++)
                {
                    for (int n2 = 0; n2 < labels.Length; n2++)
                    {
                        if (p != a && labels[p] == labels[a] && labels[n] != labels[a] && labels[n2] != labels[a] && labels[n2] != labels[n])
                        {
                            expected.Add((a, p, n, n2));
                        }
                    }
                }
            }
        }

        var actual = Enumerable.Range(0, all.Count).Select(i => (all.Anchors[i], all.Positives[i], all.Negatives[i], all.SecondNegatives[i]));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AllValid_TwoOfOneClassAndTwoSingletons_ListsTheFourQuadruplets()
    {
        var all = QuadrupletIndices.AllValid([0, 0, 1, 2]);

        Assert.Equal([0, 0, 1, 1], all.Anchors);
        Assert.Equal([1, 1, 0, 0], all.Positives);
        Assert.Equal([2, 3, 2, 3], all.Negatives);
        Assert.Equal([3, 2, 3, 2], all.SecondNegatives);
    }

    [Fact]
    public void Constructor_ArraysOfDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => new QuadrupletIndices([0, 1], [1, 0], [2, 2], [3]));
    }
}
