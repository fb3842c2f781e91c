using Siamese.Encoders;
using Siamese.Text;

namespace Siamese.Recipes;

/// <summary>
/// The network a recipe trains: the encoder of each branch (one for a twin, two for a pseudo-Siamese network), the
/// distance, and for text the tokenizer. Image encoders take their input shape from the data when the run starts.
/// </summary>
public sealed record ModelRecipe
{
    /// <summary>The encoder of a twin's shared branch, or of a pseudo-Siamese network's first branch.</summary>
    public required EncoderSpec Encoder { get; init; }

    /// <summary>The second branch's encoder of a pseudo-Siamese network; null for a twin.</summary>
    public EncoderSpec? SecondEncoder { get; init; }

    /// <summary>Pseudo-Siamese text networks: the two encoders share one word-vector table.</summary>
    public bool ShareWordVectors { get; init; }

    /// <summary>The distance that scores pairs (see <see cref="Distances.Distance.FromName"/>).</summary>
    public required string Distance { get; init; }

    /// <summary>How texts become subword ids, for text encoders; null for image models.</summary>
    public TokenizerSettings? Tokenizer { get; init; }
}
