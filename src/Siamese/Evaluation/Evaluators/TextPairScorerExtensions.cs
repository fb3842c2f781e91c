namespace Siamese.Evaluation.Evaluators;

/// <summary>One-off scoring with any <see cref="ITextPairScorer"/>: one <see cref="ITextPairScorer.Prepare"/>, then its scores.</summary>
public static class TextPairScorerExtensions
{
    /// <summary>
    /// Scores each pair k: <paramref name="firstTexts"/>[<paramref name="left"/>[k]] against
    /// <paramref name="secondTexts"/>[<paramref name="right"/>[k]].
    /// </summary>
    /// <returns>One score per pair, in the order of <paramref name="left"/>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="left"/> and <paramref name="right"/> differ in length, or an index is outside its list.
    /// </exception>
    public static float[] ScorePairs(this ITextPairScorer scorer, IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts, left, right);
        return scorer.Prepare(firstTexts, secondTexts).ScorePairs(left, right);
    }

    /// <summary>
    /// Scores chosen first texts against chosen second texts: <c>result[i, j]</c> is the score of
    /// <paramref name="firstTexts"/>[<paramref name="rows"/>[i]] against <paramref name="secondTexts"/>[<paramref name="columns"/>[j]].
    /// </summary>
    /// <exception cref="ArgumentException">An index is outside its list.</exception>
    public static float[,] Score(this ITextPairScorer scorer, IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        TextPairEvaluator.RequireIndices(firstTexts, secondTexts, rows, columns);
        return scorer.Prepare(firstTexts, secondTexts).Score(rows, columns);
    }
}
