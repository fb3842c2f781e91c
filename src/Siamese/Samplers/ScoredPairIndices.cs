namespace Siamese.Samplers;

/// <summary>
/// A batch of pairs with graded similarity targets: pair i is (<see cref="Left"/>[i], <see cref="Right"/>[i]) and
/// <see cref="Scores"/>[i] in [0, 1] says how similar the two are (1 the same meaning, 0 unrelated), for example an
/// STS score of 0 to 5 rescaled.
/// </summary>
public sealed record ScoredPairIndices : IBatchTuples
{
    /// <summary>Creates a batch; the three arrays need one entry per pair, indices ≥ 0 and scores in [0, 1].</summary>
    /// <exception cref="ArgumentException">Arrays of different lengths, a negative index, or a score outside [0, 1].</exception>
    public ScoredPairIndices(int[] left, int[] right, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(scores);
        if (left.Length != right.Length || left.Length != scores.Length)
        {
            throw new ArgumentException($"pair arrays differ in length: left {left.Length}, right {right.Length}, scores {scores.Length}");
        }

        if (left.Any(i => i < 0) || right.Any(i => i < 0))
        {
            throw new ArgumentException("tuple indices must not be negative");
        }

        int bad = Array.FindIndex(scores, s => !(s >= 0 && s <= 1));
        if (bad >= 0)
        {
            throw new ArgumentException($"pair {bad} has the score {scores[bad]}; graded scores must be rescaled to [0, 1]", nameof(scores));
        }

        Left = left;
        Right = right;
        Scores = scores;
    }

    /// <summary>Index of each pair's first input.</summary>
    public int[] Left { get; }

    /// <summary>Index of each pair's second input.</summary>
    public int[] Right { get; }

    /// <summary>Target similarity of each pair, in [0, 1].</summary>
    public float[] Scores { get; }

    /// <inheritdoc />
    public int Count => Left.Length;

    /// <inheritdoc />
    public int LargestIndex() => Count == 0 ? -1 : Math.Max(Left.Max(), Right.Max());
}
