using Siamese.Samplers;

namespace Siamese.Training;

/// <summary>Fixed held-out pairs on which the trainer validates after each epoch.</summary>
/// <param name="Inputs">The inputs the pairs index into.</param>
/// <param name="Pairs">The pairs; drawn once, so every epoch is validated on the same ones.</param>
public sealed record PairValidationSet(IInputSource Inputs, PairIndices Pairs);
