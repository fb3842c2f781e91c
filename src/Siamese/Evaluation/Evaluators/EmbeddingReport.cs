using Siamese.Evaluation.Metrics;

namespace Siamese.Evaluation.Evaluators;

/// <summary>Quality of embeddings measured by <see cref="EmbeddingEvaluator.Evaluate"/>.</summary>
public sealed record EmbeddingReport
{
    /// <summary>Number of gallery neighbours that voted in <see cref="KnnAccuracy"/>.</summary>
    public required int K { get; init; }

    /// <summary>Fraction of test embeddings whose k-nearest-neighbour vote among the gallery gives their own label.</summary>
    public required double KnnAccuracy { get; init; }

    /// <summary>Leave-one-out retrieval of the test embeddings among themselves.</summary>
    public required RetrievalReport Retrieval { get; init; }

    /// <summary>
    /// The figure to compare checkpoints by: <see cref="RetrievalReport.MapAtR"/> of <see cref="Retrieval"/>.
    /// Greater is better.
    /// </summary>
    public double PrimaryMetric => Retrieval.MapAtR;
}
