using Siamese.Distances;
using Siamese.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Measures embeddings by classification (k-NN against a labelled gallery) and by retrieval (MAP@R,
/// R-precision, precision at 1 of each embedding among the others). Computes only; writes nothing.
/// </summary>
public static class EmbeddingEvaluator
{
    /// <summary>
    /// Classifies each test embedding by a k-nearest-neighbour vote among the gallery (usually the training
    /// embeddings) and measures leave-one-out retrieval within the test set (see <see cref="EvaluateRetrieval"/>).
    /// </summary>
    /// <param name="testEmbeddings">Test embeddings, (N, D).</param>
    /// <param name="testLabels">Class of each test embedding; N of them.</param>
    /// <param name="galleryEmbeddings">Gallery embeddings, (M, D).</param>
    /// <param name="galleryLabels">Class of each gallery embedding; M of them.</param>
    /// <param name="distance">The distance the embeddings were trained for.</param>
    /// <param name="k">Gallery neighbours that vote; between 1 and M.</param>
    /// <exception cref="ArgumentException">
    /// Shapes and label counts disagree, <paramref name="k"/> is out of range, or no test label occurs twice.
    /// </exception>
    public static EmbeddingReport Evaluate(
        Tensor testEmbeddings, int[] testLabels, Tensor galleryEmbeddings, int[] galleryLabels, IDistance distance, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(galleryEmbeddings);
        ArgumentNullException.ThrowIfNull(galleryLabels);
        EmbeddingShape.RequireOneRowPerLabel(galleryEmbeddings, galleryLabels, nameof(galleryLabels));
        var retrieval = EvaluateRetrieval(testEmbeddings, testLabels, distance);

        var neighbours = NearestNeighbors.Search(testEmbeddings, galleryEmbeddings, distance, k);
        var knn = RetrievalMetrics.KnnAccuracy(testLabels, ToLabels(neighbours, galleryLabels), k);
        return new EmbeddingReport { K = k, KnnAccuracy = knn, Retrieval = retrieval };
    }

    /// <summary>
    /// Leave-one-out retrieval: every embedding queries all the others (itself excluded), and its relevant
    /// references are the R others with its label. Searches k = the largest R neighbours, so it keeps N × max R
    /// indices in memory.
    /// </summary>
    /// <param name="embeddings">Embeddings, (N, D).</param>
    /// <param name="labels">Class of each embedding; N of them.</param>
    /// <param name="distance">The distance the embeddings were trained for.</param>
    /// <exception cref="ArgumentException">Shapes and label counts disagree, or no label occurs twice.</exception>
    public static RetrievalReport EvaluateRetrieval(Tensor embeddings, int[] labels, IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(distance);
        EmbeddingShape.RequireOneRowPerLabel(embeddings, labels, nameof(labels));

        var classSizes = new Dictionary<int, int>();
        foreach (int label in labels)
        {
            classSizes[label] = classSizes.GetValueOrDefault(label) + 1;
        }

        var relevantCounts = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            relevantCounts[i] = classSizes[labels[i]] - 1;
        }

        int maxRelevant = relevantCounts.Length == 0 ? 0 : relevantCounts.Max();
        if (maxRelevant == 0)
        {
            throw new ArgumentException("no label occurs more than once, so no embedding has a relevant neighbour", nameof(labels));
        }

        var neighbours = NearestNeighbors.Search(embeddings, embeddings, distance, maxRelevant, excludeSelf: true);
        return RetrievalMetrics.Compute(labels, ToLabels(neighbours, labels), relevantCounts);
    }

    private static int[][] ToLabels(int[][] indices, int[] labels)
    {
        var result = new int[indices.Length][];
        for (int q = 0; q < indices.Length; q++)
        {
            var row = indices[q];
            var mapped = new int[row.Length];
            for (int j = 0; j < row.Length; j++)
            {
                mapped[j] = labels[row[j]];
            }

            result[q] = mapped;
        }

        return result;
    }
}
