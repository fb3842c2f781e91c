using Siamese.Data;

namespace Siamese.Samplers;

/// <summary>Turns a pair list of image files into images plus pair indices, loading each file once.</summary>
public static class ExplicitPairs
{
    /// <summary>
    /// Loads the images named by <paramref name="entries"/> at the given shape (resizing as needed) and
    /// returns them with the pairs as indices into them.
    /// </summary>
    /// <exception cref="DataFormatException">An image is missing or unreadable.</exception>
    public static (LabeledImageSet Images, PairIndices Pairs) Load(IReadOnlyList<PairListEntry> entries, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("the pair list has no pairs", nameof(entries));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new List<string>();
        int IndexOf(string path)
        {
            if (!index.TryGetValue(path, out int i))
            {
                i = paths.Count;
                index[path] = i;
                paths.Add(path);
            }

            return i;
        }

        var left = new int[entries.Count];
        var right = new int[entries.Count];
        var relations = new PairRelation[entries.Count];
        for (int p = 0; p < entries.Count; p++)
        {
            left[p] = IndexOf(entries[p].LeftPath);
            right[p] = IndexOf(entries[p].RightPath);
            relations[p] = entries[p].IsSame ? PairRelation.Same : PairRelation.Different;
        }

        var images = LabeledImageSet.FromImageFiles(paths, channels, height, width);
        return (images, new PairIndices(left, right, relations));
    }
}
