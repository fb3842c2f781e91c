namespace Siamese.Samplers;

/// <summary>The items of each class of a labelled data set, classes in ascending label order.</summary>
internal sealed class ClassMembers
{
    public ClassMembers(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var groups = labels
            .Select((label, index) => (label, index))
            .GroupBy(x => x.label)
            .OrderBy(g => g.Key)
            .ToArray();
        Labels = groups.Select(g => g.Key).ToArray();
        Members = groups.Select(g => g.Select(x => x.index).ToArray()).ToArray();
    }

    /// <summary>Label of each class.</summary>
    public int[] Labels { get; }

    /// <summary>Items of each class.</summary>
    public int[][] Members { get; }

    /// <summary>Number of classes.</summary>
    public int Count => Labels.Length;

    /// <summary>Throws naming the first class with fewer than two items.</summary>
    public void RequireTwoPerClass(string purpose)
    {
        for (int c = 0; c < Count; c++)
        {
            if (Members[c].Length < 2)
            {
                throw new ArgumentException(
                    $"class {Labels[c]} has {Members[c].Length} sample; {purpose} need at least 2 samples of every class (drop the class or add samples)");
            }
        }
    }

    /// <summary>A uniformly drawn index in [0, count) other than <paramref name="excluded"/>.</summary>
    public static int DrawOther(Random random, int count, int excluded)
    {
        int i = random.Next(count - 1);
        return i >= excluded ? i + 1 : i;
    }
}
