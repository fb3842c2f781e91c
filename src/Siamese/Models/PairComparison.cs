namespace Siamese.Models;

/// <summary>The verdict of a model on one pair.</summary>
/// <param name="Score">The distance or similarity of the two embeddings.</param>
/// <param name="LargerIsCloser">Whether a larger score means closer (a similarity).</param>
/// <param name="IsSame">Same by the model's calibrated threshold; null when the model has none.</param>
public sealed record PairComparison(double Score, bool LargerIsCloser, bool? IsSame);
