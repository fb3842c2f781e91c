namespace Siamese.Persistence;

/// <summary>One named weights part of a format-2 bundle and the zip entry that holds it.</summary>
/// <param name="Part">
/// What the weights belong to: "encoder" (the twin's encoder, or a pseudo-Siamese network's first branch),
/// "second-encoder" (its second branch) or "head" (a learned distance).
/// </param>
/// <param name="Entry">The zip entry, e.g. "weights.bin".</param>
public sealed record WeightsPartEntry(string Part, string Entry);
