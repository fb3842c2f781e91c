using Siamese.Text;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// The TF-IDF baseline as a scorer: cosine similarity of TF-IDF vectors whose vocabulary and idf come from the
/// training texts only (so the baseline sees exactly the data the model saw).
/// </summary>
public sealed class TfIdfTextScorer : ITextPairScorer
{
    private readonly TfIdfVectorizer vectorizer;

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
    public ITextPairScores Prepare(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        return new Vectors(firstTexts.Select(vectorizer.Transform).ToArray(), secondTexts.Select(vectorizer.Transform).ToArray());
    }

    /// <summary>The TF-IDF vectors of both lists, scored by cosine.</summary>
    private sealed class Vectors(SparseVector[] first, SparseVector[] second) : ITextPairScores
    {
        public int FirstCount => first.Length;

        public int SecondCount => second.Length;

        public float[] ScorePairs(IReadOnlyList<int> left, IReadOnlyList<int> right)
        {
            TextPairEvaluator.RequirePairIndices(left, right, FirstCount, SecondCount);
            var scores = new float[left.Count];
            for (int k = 0; k < scores.Length; k++)
            {
                scores[k] = (float)TfIdfVectorizer.Cosine(first[left[k]], second[right[k]]);
            }

            return scores;
        }

        public float[,] Score(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
        {
            TextPairEvaluator.RequireBlockIndices(rows, columns, FirstCount, SecondCount);
            var scores = new float[rows.Count, columns.Count];
            Parallel.For(0, rows.Count, i =>
            {
                for (int j = 0; j < columns.Count; j++)
                {
                    scores[i, j] = (float)TfIdfVectorizer.Cosine(first[rows[i]], second[columns[j]]);
                }
            });
            return scores;
        }
    }
}
