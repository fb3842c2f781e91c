using Siamese.Data;

namespace Siamese.Samplers;

/// <summary>Numbers the texts of a <see cref="TextPairSet"/> as items so pair samplers can draw from it.</summary>
public static class TextPairItems
{
    /// <summary>
    /// The pairs over item indices, with their relations: first-side texts are items 0 … n − 1 and second-side
    /// texts follow, offset by the number of first-side texts (the numbering the text input sources embed by).
    /// </summary>
    /// <param name="pairs">The text pairs.</param>
    public static PairIndices Of(TextPairSet pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new(pairs.Left.ToArray(), Array.ConvertAll(pairs.Right, r => pairs.FirstTexts.Count + r), pairs.Relations());
    }
}
