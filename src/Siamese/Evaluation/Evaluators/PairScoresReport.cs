using Siamese.Evaluation.Metrics;

namespace Siamese.Evaluation.Evaluators;

/// <summary>The scores of a set of validation pairs and what they give.</summary>
/// <param name="Scores">Each pair's score (distance or similarity).</param>
/// <param name="IsSame">Each pair's relation.</param>
/// <param name="Targets">Graded targets in [0, 1], or null for binary pairs.</param>
/// <param name="Verification">ROC figures, or null when the pairs are all of one kind.</param>
public sealed record PairScoresReport(float[] Scores, bool[] IsSame, float[]? Targets, VerificationReport? Verification);
