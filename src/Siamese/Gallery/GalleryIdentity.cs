using Siamese.Persistence;

namespace Siamese.Gallery;

/// <summary>
/// What a gallery's embeddings depend on: the model that made them (its <see cref="ModelBundle.Fingerprint"/>),
/// their dimension and the distance that compares them. A gallery only serves the model that filled it.
/// </summary>
/// <param name="ModelFingerprint">The model's fingerprint, as <see cref="ModelBundle.Fingerprint"/> (lower-case hex).</param>
/// <param name="EmbeddingDimension">Floats per embedding; at least 1.</param>
/// <param name="Distance">The distance's <see cref="Distances.IDistance.Name"/> (e.g. "l2", "cosine").</param>
public sealed record GalleryIdentity(string ModelFingerprint, int EmbeddingDimension, string Distance)
{
    /// <summary>The identity of the embeddings <paramref name="bundle"/> makes.</summary>
    /// <param name="bundle">A loaded model.</param>
    public static GalleryIdentity Of(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new GalleryIdentity(bundle.Fingerprint, bundle.Config.EmbeddingDimension, bundle.Config.Distance);
    }

    /// <summary>The first 8 characters of a fingerprint followed by an ellipsis, for messages.</summary>
    /// <param name="fingerprint">A fingerprint.</param>
    public static string Abbreviate(string fingerprint) =>
        fingerprint.Length <= 8 ? fingerprint : string.Concat(fingerprint.AsSpan(0, 8), "…");

    /// <summary>True for a fingerprint as <see cref="ModelBundle.Fingerprint"/> writes one: 1 to 128 lower-case hex digits.</summary>
    /// <param name="text">The text to check.</param>
    internal static bool IsFingerprint(string text) =>
        text.Length is >= 1 and <= 128 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>True for a distance name as <see cref="Distances.IDistance.Name"/> gives one: 1 to 64 of a-z, 0-9, '-' and '_'.</summary>
    /// <param name="text">The text to check.</param>
    internal static bool IsDistanceName(string text) =>
        text.Length is >= 1 and <= 64 && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>Refuses fingerprints that are not lower-case hex, odd distance names and dimensions below 1.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    internal void Validate()
    {
        if (!IsFingerprint(ModelFingerprint ?? ""))
        {
            throw new ArgumentException("the model fingerprint must be 1 to 128 lower-case hex digits");
        }

        if (!IsDistanceName(Distance ?? ""))
        {
            throw new ArgumentException("the distance name must be 1 to 64 lower-case letters, digits, '-' or '_'");
        }

        if (EmbeddingDimension < 1)
        {
            throw new ArgumentException($"the embedding dimension must be at least 1, got {EmbeddingDimension}");
        }
    }
}
