using Siamese.Data;

namespace Siamese.Sources;

/// <summary>Pairs of texts with a relation or a graded score each.</summary>
/// <param name="Pairs">The pairs.</param>
public sealed record TextPairs(TextPairSet Pairs) : DataPart
{
    /// <inheritdoc />
    public override int Count => Pairs.Count;
}
