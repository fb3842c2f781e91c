namespace Siamese.Samplers;

/// <summary>
/// Triplets as indices into a batch: triplet i is (<see cref="Anchors"/>[i], <see cref="Positives"/>[i],
/// <see cref="Negatives"/>[i]), where the positive shares the anchor's class and the negative does not.
/// </summary>
public sealed record TripletIndices : IBatchTuples
{
    /// <summary>Creates triplets; the three arrays must have one entry per triplet.</summary>
    public TripletIndices(int[] anchors, int[] positives, int[] negatives)
    {
        if (anchors.Length != positives.Length || anchors.Length != negatives.Length)
        {
            throw new ArgumentException(
                $"triplet arrays differ in length: anchors {anchors.Length}, positives {positives.Length}, negatives {negatives.Length}");
        }

        if (anchors.Any(i => i < 0) || positives.Any(i => i < 0) || negatives.Any(i => i < 0))
        {
            throw new ArgumentException("tuple indices must not be negative");
        }

        Anchors = anchors;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Index of each triplet's anchor.</summary>
    public int[] Anchors { get; }

    /// <summary>Index of each triplet's positive (same class as the anchor, not the anchor itself).</summary>
    public int[] Positives { get; }

    /// <summary>Index of each triplet's negative (another class).</summary>
    public int[] Negatives { get; }

    /// <summary>Number of triplets.</summary>
    public int Count => Anchors.Length;

    /// <inheritdoc />
    public int LargestIndex() => Count == 0 ? -1 : Math.Max(Anchors.Max(), Math.Max(Positives.Max(), Negatives.Max()));

    /// <summary>
    /// Every valid triplet of a labelled batch, in anchor, positive, negative order: for each anchor, each
    /// other item of its class as positive, with each item of another class as negative.
    /// </summary>
    public static TripletIndices AllValid(IReadOnlyList<int> labels)
    {
        var a = new List<int>();
        var p = new List<int>();
        var n = new List<int>();
        for (int i = 0; i < labels.Count; i++)
        {
            for (int j = 0; j < labels.Count; j++)
            {
                if (j == i || labels[j] != labels[i])
                {
                    continue;
                }

                for (int k = 0; k < labels.Count; k++)
                {
                    if (labels[k] != labels[i])
                    {
                        a.Add(i);
                        p.Add(j);
                        n.Add(k);
                    }
                }
            }
        }

        return new TripletIndices(a.ToArray(), p.ToArray(), n.ToArray());
    }
}
