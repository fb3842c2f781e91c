namespace Siamese.Text;

/// <summary>
/// The TF-IDF cosine baseline for text-pair similarity: a <see cref="TfIdfVectorizer"/> fitted on raw training texts,
/// which scores a pair by the cosine of its two texts' vectors (<see cref="Evaluation.Evaluators.TfIdfTextScorer"/> scores pair
/// sets with it). A learned Siamese text model should beat it. Pure: no I/O.
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
}
