namespace Siamese.Evaluation.Metrics;

/// <summary>One operating point of a ROC curve.</summary>
/// <param name="Threshold">
/// The decision threshold, in the units of the scores: a pair is accepted as "same" when its score is
/// ≤ the threshold for distances and ≥ the threshold for similarities.
/// </param>
/// <param name="Far">False accept rate: accepted impostor pairs / impostor pairs.</param>
/// <param name="Tar">True accept rate: accepted genuine pairs / genuine pairs.</param>
public sealed record RocPoint(double Threshold, double Far, double Tar);
