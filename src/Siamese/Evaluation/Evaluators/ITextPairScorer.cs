namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Something that scores first-side texts against second-side texts: a trained model, or a baseline such as
/// TF-IDF cosine. <see cref="TextPairEvaluator"/> measures any of them on the same pairs by the same rules.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> embeds (or vectorises) the texts of each side once, as one list each (for a
/// <see cref="Data.TextPairSet"/>, its distinct <see cref="Data.TextPairSet.FirstTexts"/> and
/// <see cref="Data.TextPairSet.SecondTexts"/>), and the pairs and blocks to score are indices into those lists: a text in
/// many pairs is embedded once, and the evaluator scores the pairs, then the matching blocks, from one preparation.
/// </remarks>
public interface ITextPairScorer
{
    /// <summary>Short name for reports ("model", "tfidf").</summary>
    string Name { get; }

    /// <summary>Whether a larger score means closer (a similarity) rather than farther (a distance).</summary>
    bool LargerIsCloser { get; }

    /// <summary>Embeds (or vectorises) every text of both lists once, for scoring pairs and blocks over them.</summary>
    /// <param name="firstTexts">The first-side texts.</param>
    /// <param name="secondTexts">The second-side texts.</param>
    /// <exception cref="ArgumentNullException">A list or a text is null.</exception>
    ITextPairScores Prepare(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts);
}
