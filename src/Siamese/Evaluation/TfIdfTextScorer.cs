using Siamese.Text;

namespace Siamese.Evaluation;

/// <summary>
/// The TF-IDF baseline as a scorer: cosine similarity of TF-IDF vectors whose vocabulary and idf come from the
/// training texts only (so the baseline sees exactly the data the model saw).
/// </summary>
public sealed class TfIdfTextScorer : ITextPairScorer
{
    private readonly TfIdfVectorizer vectorizer;

    /// <summary>Fits the vocabulary and idf on <paramref name="trainingTexts"/>.</summary>
    public TfIdfTextScorer(IReadOnlyList<string> trainingTexts)
    {
        vectorizer = TfIdfBaseline.Fit(trainingTexts);
    }

    /// <inheritdoc />
    public string Name => "tfidf";

    /// <inheritdoc />
    public bool LargerIsCloser => true;

    /// <inheritdoc />
    public float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        var first = firstTexts.Select(vectorizer.Transform).ToArray();
        var second = secondTexts.Select(vectorizer.Transform).ToArray();
        var scores = new float[first.Length, second.Length];
        Parallel.For(0, first.Length, i =>
        {
            for (int j = 0; j < second.Length; j++)
            {
                scores[i, j] = (float)TfIdfVectorizer.Cosine(first[i], second[j]);
            }
        });
        return scores;
    }

    /// <inheritdoc />
    public float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts);

        return Enumerable.Range(0, firstTexts.Count).Select(i => (float)vectorizer.Score(firstTexts[i], secondTexts[i])).ToArray();
    }
}
