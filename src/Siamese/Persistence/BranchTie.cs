using Siamese.Inputs;

namespace Siamese.Persistence;

/// <summary>A part two branches of a pseudo-Siamese model share (one tensor, trained by both), e.g. the word vectors.</summary>
/// <param name="Part">What is shared, e.g. "word vectors".</param>
/// <param name="Owner">The branch that holds it (and stores it in the bundle).</param>
/// <param name="Sharer">The branch that uses the owner's.</param>
public sealed record BranchTie(string Part, PairSide Owner, PairSide Sharer)
{
    /// <summary>The word-vector table of two text branches, held by the first (<see cref="ModelConfig.ShareWordVectors"/>).</summary>
    public static BranchTie WordVectors { get; } = new("word vectors", PairSide.First, PairSide.Second);
}
