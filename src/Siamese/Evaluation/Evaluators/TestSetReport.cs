namespace Siamese.Evaluation.Evaluators;

/// <summary>Everything <see cref="TestSetEvaluator"/> measured on a labelled test set.</summary>
public sealed record TestSetReport
{
    /// <summary>Verification on balanced random pairs, with k-NN and retrieval when there was a gallery.</summary>
    public required TwinEvaluationReport Verification { get; init; }

    /// <summary>N-way K-shot episodes over the test classes, or null when they were not run (see <see cref="Skipped"/>).</summary>
    public FewShotReport? FewShot { get; init; }

    /// <summary>Open-set identification over the test classes, or null when it was not run (see <see cref="Skipped"/>).</summary>
    public OpenSetReport? OpenSet { get; init; }

    /// <summary>Parts the data was too small for, each with the reason in one line, e.g. ("few-shot episodes", "...").</summary>
    public IReadOnlyList<(string Part, string Reason)> Skipped { get; init; } = [];

    /// <summary>
    /// The L2-normalised embeddings of the test rows <see cref="TestSetEvaluator.MapRows"/> chose, row after row (for a
    /// 2-D map of the embedding space); empty when no rows were asked for.
    /// </summary>
    public float[] MapEmbeddings { get; init; } = [];
}
