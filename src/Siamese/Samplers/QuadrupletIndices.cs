namespace Siamese.Samplers;

/// <summary>
/// Quadruplets as indices into a batch (Chen et al. 2017, "Beyond triplet loss"): quadruplet i is
/// (<see cref="Anchors"/>[i], <see cref="Positives"/>[i], <see cref="Negatives"/>[i], <see cref="SecondNegatives"/>[i]),
/// where the positive shares the anchor's class, the negative does not, and the second negative belongs
/// to a third class, different from both the anchor's and the negative's.
/// </summary>
public sealed record QuadrupletIndices : IBatchTuples
{
    /// <summary>Creates quadruplets; the four arrays must have one entry per quadruplet.</summary>
    public QuadrupletIndices(int[] anchors, int[] positives, int[] negatives, int[] secondNegatives)
    {
        if (anchors.Length != positives.Length || anchors.Length != negatives.Length || anchors.Length != secondNegatives.Length)
        {
            throw new ArgumentException(
                $"quadruplet arrays differ in length: anchors {anchors.Length}, positives {positives.Length}, negatives {negatives.Length}, second negatives {secondNegatives.Length}");
        }

        if (anchors.Any(i => i < 0) || positives.Any(i => i < 0) || negatives.Any(i => i < 0) || secondNegatives.Any(i => i < 0))
        {
            throw new ArgumentException("tuple indices must not be negative");
        }

        Anchors = anchors;
        Positives = positives;
        Negatives = negatives;
        SecondNegatives = secondNegatives;
    }

    /// <summary>Index of each quadruplet's anchor.</summary>
    public int[] Anchors { get; }

    /// <summary>Index of each quadruplet's positive (the anchor's class, not the anchor).</summary>
    public int[] Positives { get; }

    /// <summary>Index of each quadruplet's negative (another class).</summary>
    public int[] Negatives { get; }

    /// <summary>Index of each quadruplet's second negative (a class other than the anchor's and the negative's).</summary>
    public int[] SecondNegatives { get; }

    /// <summary>Number of quadruplets.</summary>
    public int Count => Anchors.Length;

    /// <inheritdoc />
    public int LargestIndex() => Count == 0 ? -1 : new[] { Anchors.Max(), Positives.Max(), Negatives.Max(), SecondNegatives.Max() }.Max();

    /// <summary>
    /// Every valid quadruplet of a labelled batch, in anchor, positive, negative, second-negative order.
    /// Their number grows with the fourth power of the batch size: meant for small batches and tests.
    /// </summary>
    public static QuadrupletIndices AllValid(IReadOnlyList<int> labels)
    {
        var a = new List<int>();
        var p = new List<int>();
        var n = new List<int>();
        var n2 = new List<int>();
        var triplets = TripletIndices.AllValid(labels);
        for (int t = 0; t < triplets.Count; t++)
        {
            int anchorClass = labels[triplets.Anchors[t]];
            int negativeClass = labels[triplets.Negatives[t]];
            for (int l = 0; l < labels.Count; l++)
            {
                if (labels[l] != anchorClass && labels[l] != negativeClass)
                {
                    a.Add(triplets.Anchors[t]);
                    p.Add(triplets.Positives[t]);
                    n.Add(triplets.Negatives[t]);
                    n2.Add(l);
                }
            }
        }

        return new QuadrupletIndices(a.ToArray(), p.ToArray(), n.ToArray(), n2.ToArray());
    }
}
