namespace Siamese.Samplers;

/// <summary>
/// A batch of pairs as indices into a data set: pair i is (<see cref="Left"/>[i], <see cref="Right"/>[i])
/// and <see cref="Relations"/>[i] says whether the two belong together.
/// </summary>
public sealed record PairIndices : IBatchTuples
{
    /// <summary>Creates a batch of pairs; the three arrays must have one entry per pair.</summary>
    public PairIndices(int[] left, int[] right, PairRelation[] relations)
    {
        if (left.Length != right.Length || left.Length != relations.Length)
        {
            throw new ArgumentException(
                $"pair arrays differ in length: left {left.Length}, right {right.Length}, relations {relations.Length}");
        }

        if (left.Any(i => i < 0) || right.Any(i => i < 0))
        {
            throw new ArgumentException("tuple indices must not be negative");
        }

        foreach (var relation in relations)
        {
            if (relation is not (PairRelation.Same or PairRelation.Different))
            {
                throw new ArgumentException($"invalid pair relation {(int)relation}; expected Same or Different", nameof(relations));
            }
        }

        Left = left;
        Right = right;
        Relations = relations;
    }

    /// <summary>Index of each pair's first input.</summary>
    public int[] Left { get; }

    /// <summary>Index of each pair's second input.</summary>
    public int[] Right { get; }

    /// <summary>Relation of each pair.</summary>
    public PairRelation[] Relations { get; }

    /// <summary>Number of pairs.</summary>
    public int Count => Left.Length;

    /// <inheritdoc />
    public int LargestIndex() => Count == 0 ? -1 : Math.Max(Left.Max(), Right.Max());

    /// <summary>True for each pair whose inputs belong together.</summary>
    public bool[] IsSame() => Array.ConvertAll(Relations, r => r == PairRelation.Same);
}
