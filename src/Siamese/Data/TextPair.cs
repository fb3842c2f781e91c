namespace Siamese.Data;

/// <summary>
/// One pair of texts read from a text pair file (see <see cref="TextPairFile"/>) with its target: either a
/// <see cref="Relation"/> (binary labels) or a graded <see cref="Score"/> in [0, 1] (scores, where 1 is most
/// similar). Exactly one of the two is set. Texts are kept exactly as in the file, including surrounding white space.
/// </summary>
public sealed record TextPair
{
    private TextPair(string text1, string text2, PairRelation? relation, double? score, double? rawScore, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(text1);
        ArgumentNullException.ThrowIfNull(text2);
        ArgumentOutOfRangeException.ThrowIfNegative(lineNumber);
        Text1 = text1;
        Text2 = text2;
        Relation = relation;
        Score = score;
        RawScore = rawScore;
        LineNumber = lineNumber;
    }

    /// <summary>The first text.</summary>
    public string Text1 { get; }

    /// <summary>The second text.</summary>
    public string Text2 { get; }

    /// <summary>Whether the texts belong together, for binary labels; null for graded scores.</summary>
    public PairRelation? Relation { get; }

    /// <summary>The similarity score rescaled to [0, 1] (1 = most similar), for graded scores; null for binary labels.</summary>
    public double? Score { get; }

    /// <summary>The score as written in the file, before rescaling; null for binary labels.</summary>
    public double? RawScore { get; }

    /// <summary>The 1-based line on which the pair's record starts, or 0 for a pair not read from a file.</summary>
    public int LineNumber { get; }

    /// <summary>Creates a pair with a binary label.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relation"/> is not Same or Different, or <paramref name="lineNumber"/> is negative.</exception>
    public static TextPair WithRelation(string text1, string text2, PairRelation relation, int lineNumber = 0)
    {
        if (relation is not (PairRelation.Same or PairRelation.Different))
        {
            throw new ArgumentOutOfRangeException(nameof(relation), $"expected Same or Different, found {relation}");
        }

        return new TextPair(text1, text2, relation, null, null, lineNumber);
    }

    /// <summary>Creates a pair with a graded score.</summary>
    /// <param name="text1">The first text.</param>
    /// <param name="text2">The second text.</param>
    /// <param name="score">The score rescaled to [0, 1].</param>
    /// <param name="rawScore">The score as written in the file.</param>
    /// <param name="lineNumber">The 1-based line the record starts on, or 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside [0, 1], <paramref name="rawScore"/> is not finite, or <paramref name="lineNumber"/> is negative.</exception>
    public static TextPair WithScore(string text1, string text2, double score, double rawScore, int lineNumber = 0)
    {
        if (!(score >= 0.0 && score <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(score), $"expected a score in [0, 1], found {score}");
        }

        if (!double.IsFinite(rawScore))
        {
            throw new ArgumentOutOfRangeException(nameof(rawScore), $"expected a finite raw score, found {rawScore}");
        }

        return new TextPair(text1, text2, null, score, rawScore, lineNumber);
    }
}
