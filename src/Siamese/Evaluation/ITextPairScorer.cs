namespace Siamese.Evaluation;

/// <summary>
/// Something that scores first-side texts against second-side texts: a trained model, or a baseline such as
/// TF-IDF cosine. <see cref="TextPairEvaluator"/> measures any of them on the same pairs by the same rules.
/// </summary>
public interface ITextPairScorer
{
    /// <summary>Short name for reports ("model", "tfidf").</summary>
    string Name { get; }

    /// <summary>Whether a larger score means closer (a similarity) rather than farther (a distance).</summary>
    bool LargerIsCloser { get; }

    /// <summary>
    /// Scores every first text against every second text: <c>result[i, j]</c> is the score of
    /// <paramref name="firstTexts"/>[i] against <paramref name="secondTexts"/>[j].
    /// </summary>
    float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts);

    /// <summary>Scores each pair (<paramref name="firstTexts"/>[i], <paramref name="secondTexts"/>[i]).</summary>
    float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts);
}
