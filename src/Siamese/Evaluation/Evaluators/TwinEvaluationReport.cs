using Siamese.Evaluation.Metrics;

namespace Siamese.Evaluation.Evaluators;

/// <summary>Everything <see cref="TwinEvaluator"/> measured on a test set.</summary>
public sealed record TwinEvaluationReport
{
    /// <summary>Verification on balanced random test pairs.</summary>
    public required VerificationReport Verification { get; init; }

    /// <summary>k-NN classification against the gallery and leave-one-out retrieval on the test set; null without a gallery.</summary>
    public EmbeddingReport? Embeddings { get; init; }

    /// <summary>Accuracy of the stored threshold on the test pairs, or null when the model has none.</summary>
    public double? ThresholdAccuracy { get; init; }

    /// <summary>The test pairs' scores, for plots.</summary>
    public required float[] PairScores { get; init; }

    /// <summary>Which test pairs are genuine, parallel to <see cref="PairScores"/>.</summary>
    public required bool[] PairIsSame { get; init; }

    /// <summary>Number of test inputs.</summary>
    public int TestCount { get; init; }

    /// <summary>Number of gallery inputs (0 without a gallery).</summary>
    public int GalleryCount { get; init; }
}
