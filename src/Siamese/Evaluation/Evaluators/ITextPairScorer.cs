namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Something that scores first-side texts against second-side texts: a trained model, or a baseline such as
/// TF-IDF cosine. <see cref="TextPairEvaluator"/> measures any of them on the same pairs by the same rules.
/// </summary>
/// <remarks>
/// <para>
/// Both members take the texts of each side as one list (for a <see cref="Data.TextPairSet"/>, its distinct
/// <see cref="Data.TextPairSet.FirstTexts"/> and <see cref="Data.TextPairSet.SecondTexts"/>) and say what to score
/// by indices into those lists, so that a text in many pairs is embedded (or vectorised) once, not once per pair.
/// Each call embeds every text of both lists at most once.
/// </para>
/// <para>
/// A scorer may keep what it computed for the last list of each side and reuse it when the same list object comes
/// again: the evaluator scores the pairs, then the matching blocks, over the same two lists, which are embedded once
/// for all of it. A list must therefore not change after it has been given to a scorer.
/// </para>
/// </remarks>
public interface ITextPairScorer
{
    /// <summary>Short name for reports ("model", "tfidf").</summary>
    string Name { get; }

    /// <summary>Whether a larger score means closer (a similarity) rather than farther (a distance).</summary>
    bool LargerIsCloser { get; }

    /// <summary>
    /// Scores each pair k: <paramref name="firstTexts"/>[<paramref name="left"/>[k]] against
    /// <paramref name="secondTexts"/>[<paramref name="right"/>[k]].
    /// </summary>
    /// <param name="firstTexts">The first-side texts the pairs point into.</param>
    /// <param name="secondTexts">The second-side texts the pairs point into.</param>
    /// <param name="left">Per pair, the index of its first text.</param>
    /// <param name="right">Per pair, the index of its second text.</param>
    /// <returns>One score per pair, in the order of <paramref name="left"/>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="left"/> and <paramref name="right"/> differ in length, or an index is outside its list.
    /// </exception>
    float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> left, IReadOnlyList<int> right);

    /// <summary>
    /// Scores chosen first texts against chosen second texts: <c>result[i, j]</c> is the score of
    /// <paramref name="firstTexts"/>[<paramref name="rows"/>[i]] against <paramref name="secondTexts"/>[<paramref name="columns"/>[j]].
    /// </summary>
    /// <param name="firstTexts">The first-side texts <paramref name="rows"/> point into.</param>
    /// <param name="secondTexts">The second-side texts <paramref name="columns"/> point into.</param>
    /// <param name="rows">The first texts to score, one row each.</param>
    /// <param name="columns">The second texts to score them against, one column each.</param>
    /// <exception cref="ArgumentException">An index is outside its list.</exception>
    float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> rows, IReadOnlyList<int> columns);
}
