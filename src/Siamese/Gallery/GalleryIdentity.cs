using System.Security.Cryptography;
using System.Text.Json;
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
        return new GalleryIdentity(FingerprintOf(bundle), bundle.Config.EmbeddingDimension, bundle.Config.Distance);
    }

    /// <summary>The first 8 characters of a fingerprint followed by an ellipsis, for messages.</summary>
    /// <param name="fingerprint">A fingerprint.</param>
    public static string Abbreviate(string fingerprint) =>
        fingerprint.Length <= 8 ? fingerprint : string.Concat(fingerprint.AsSpan(0, 8), "…");

    /// <summary>
    /// <see cref="ModelBundle.Fingerprint"/>, computed from the same bytes here when that property fails: in TorchSharp
    /// 0.107.0 <c>Module.save(Stream)</c> closes the stream, so the property's read of the stream's length throws.
    /// </summary>
    private static string FingerprintOf(ModelBundle bundle)
    {
        try
        {
            return bundle.Fingerprint;
        }
        catch (ObjectDisposedException)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var config = bundle.Config;
            var identity = new { config.Encoder, config.Distance, config.Input };
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(identity, ModelBundle.JsonOptions));
            using var weights = new MemoryStream();
            bundle.Network.Encoder.save(weights);
            hash.AppendData(weights.ToArray());
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

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
