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

    /// <summary>Refuses empty fingerprints or distance names and dimensions below 1.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelFingerprint))
        {
            throw new ArgumentException("the model fingerprint must not be empty", nameof(ModelFingerprint));
        }

        if (string.IsNullOrWhiteSpace(Distance))
        {
            throw new ArgumentException("the distance name must not be empty", nameof(Distance));
        }

        if (EmbeddingDimension < 1)
        {
            throw new ArgumentException($"the embedding dimension must be at least 1, got {EmbeddingDimension}", nameof(EmbeddingDimension));
        }
    }
}
