using Siamese.Encoders;
using Siamese.Inputs;

namespace Siamese.Persistence;

/// <summary>One branch of a model: the side(s) it serves, its encoder and what it reads.</summary>
/// <param name="Sides">The pair sides that go through this branch: both for a twin, one for each branch of a pseudo-Siamese network.</param>
/// <param name="Encoder">The encoder's architecture.</param>
/// <param name="Input">How raw input becomes the encoder's tensors.</param>
public sealed record ModelBranch(IReadOnlyList<PairSide> Sides, EncoderSpec Encoder, BranchInput Input);
