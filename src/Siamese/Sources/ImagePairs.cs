using Siamese.Data;
using Siamese.Samplers;

namespace Siamese.Sources;

/// <summary>Images and an explicit list of labelled pairs over them (no class labels): the pairs are what the loss learns from.</summary>
/// <param name="Images">Every image a pair names, each once (their labels are <see cref="LabeledImageSet.Unlabeled"/>).</param>
/// <param name="Pairs">The pairs, as indices into <paramref name="Images"/>.</param>
public sealed record ImagePairs(LabeledImageSet Images, PairIndices Pairs) : DataPart
{
    /// <inheritdoc />
    public override int Count => Pairs.Count;
}
