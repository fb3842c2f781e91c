using Siamese.Text;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// The TF-IDF baseline as a scorer: cosine similarity of TF-IDF vectors whose vocabulary and idf come from the
/// training texts only (so the baseline sees exactly the data the model saw).
/// </summary>
/// <remarks>
/// The scorer keeps the vectors of the last list of each side and reuses them when the same list object comes again,
/// as <see cref="ITextPairScorer"/> allows, so that matching block after block against one candidate list
/// vectorises the candidates once.
/// </remarks>
public sealed class TfIdfTextScorer : ITextPairScorer
{
    private readonly TfIdfVectorizer vectorizer;

    // The vectors of the last list of each side.
    private (IReadOnlyList<string> Texts, SparseVector[] Vectors)? first, second;

    /// <summary>Fits the vocabulary and idf on <paramref name="trainingTexts"/>.</summary>
    /// <exception cref="ArgumentException">There are no training texts, or one is null.</exception>
    public TfIdfTextScorer(IReadOnlyList<string> trainingTexts)
    {
        vectorizer = TfIdfBaseline.Fit(trainingTexts);
    }

    /// <inheritdoc />
    public string Name => "tfidf";

    /// <inheritdoc />
    public bool LargerIsCloser => true;

    /// <inheritdoc />
    public float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts, left, right);
        var a = Vectors(ref first, firstTexts);
        var b = Vectors(ref second, secondTexts);
        var scores = new float[left.Count];
        for (int k = 0; k < scores.Length; k++)
        {
            scores[k] = (float)TfIdfVectorizer.Cosine(a[left[k]], b[right[k]]);
        }

        return scores;
    }

    /// <inheritdoc />
    public float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        TextPairEvaluator.RequireIndices(firstTexts, secondTexts, rows, columns);
        var a = Vectors(ref first, firstTexts);
        var b = Vectors(ref second, secondTexts);
        var scores = new float[rows.Count, columns.Count];
        Parallel.For(0, rows.Count, i =>
        {
            for (int j = 0; j < columns.Count; j++)
            {
                scores[i, j] = (float)TfIdfVectorizer.Cosine(a[rows[i]], b[columns[j]]);
            }
        });
        return scores;
    }

    /// <summary>The vectors of <paramref name="texts"/>: from <paramref name="cache"/> when it holds this list, otherwise made (each text once) and kept there.</summary>
    private SparseVector[] Vectors(ref (IReadOnlyList<string> Texts, SparseVector[] Vectors)? cache, IReadOnlyList<string> texts)
    {
        if (cache is not { } known || !ReferenceEquals(known.Texts, texts))
        {
            cache = known = (texts, texts.Select(vectorizer.Transform).ToArray());
        }

        return known.Vectors;
    }
}
