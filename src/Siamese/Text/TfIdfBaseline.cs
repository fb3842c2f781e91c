namespace Siamese.Text;

/// <summary>
/// The TF-IDF cosine baseline for text-pair similarity in one call: fit a <see cref="TfIdfVectorizer"/> on the
/// training texts, then score each pair by the cosine of its two texts' vectors. A learned Siamese text model should
/// beat it. Pure: no I/O.
/// </summary>
public static class TfIdfBaseline
{
    /// <summary>Fits a vectorizer on raw training texts, tokenised with <see cref="TfIdfVectorizer.DefaultTokens"/>.</summary>
    /// <param name="trainingTexts">The texts to learn the vocabulary and idf from (e.g. both sides of every training pair); at least one.</param>
    /// <param name="sublinearTf">Whether to use 1 + ln(count) as the term frequency.</param>
    /// <exception cref="ArgumentException">There are no training texts, or one is null.</exception>
    public static TfIdfVectorizer Fit(IReadOnlyList<string> trainingTexts, bool sublinearTf = false)
    {
        ArgumentNullException.ThrowIfNull(trainingTexts);
        var documents = new IReadOnlyList<string>[trainingTexts.Count];
        for (int i = 0; i < documents.Length; i++)
        {
            var text = trainingTexts[i] ?? throw new ArgumentException($"trainingTexts[{i}] is null", nameof(trainingTexts));
            documents[i] = TfIdfVectorizer.DefaultTokens(text);
        }

        return TfIdfVectorizer.Fit(documents, sublinearTf);
    }

    /// <summary>
    /// Fits on <paramref name="trainingTexts"/> and returns the TF-IDF cosine similarity of each pair
    /// (<paramref name="firstTexts"/>[i], <paramref name="secondTexts"/>[i]): in [0, 1], larger is closer.
    /// Words absent from the training texts get no weight.
    /// </summary>
    /// <param name="trainingTexts">The texts to fit on; at least one.</param>
    /// <param name="firstTexts">First text of each pair.</param>
    /// <param name="secondTexts">Second text of each pair, paired with <paramref name="firstTexts"/> by index.</param>
    /// <param name="sublinearTf">Whether to use 1 + ln(count) as the term frequency.</param>
    /// <returns>One score per pair.</returns>
    /// <exception cref="ArgumentException">There are no training texts, a text is null, or the pair lists differ in length.</exception>
    public static double[] Score(
        IReadOnlyList<string> trainingTexts, IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, bool sublinearTf = false)
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        if (firstTexts.Count != secondTexts.Count)
        {
            throw new ArgumentException(
                $"firstTexts and secondTexts must have the same length, got {firstTexts.Count} and {secondTexts.Count}", nameof(secondTexts));
        }

        var vectorizer = Fit(trainingTexts, sublinearTf);
        var scores = new double[firstTexts.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            var first = firstTexts[i] ?? throw new ArgumentException($"firstTexts[{i}] is null", nameof(firstTexts));
            var second = secondTexts[i] ?? throw new ArgumentException($"secondTexts[{i}] is null", nameof(secondTexts));
            scores[i] = vectorizer.Score(first, second);
        }

        return scores;
    }
}
