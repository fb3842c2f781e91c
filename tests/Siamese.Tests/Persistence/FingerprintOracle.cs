using System.Security.Cryptography;
using System.Text.Json;
using Siamese.Persistence;
using TorchSharp;

namespace Siamese.Tests.Persistence;

/// <summary>
/// The fingerprint recomputed by hand from its documented parts: SHA-256 of the JSON descriptions, then of each
/// weights entry as <c>Module.save</c> writes it, in the order given.
/// </summary>
internal static class FingerprintOracle
{
    public static string Hash(object?[] descriptions, params (torch.nn.Module Module, IList<string>? Skip)[] weights)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var description in descriptions)
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(description, ModelBundle.JsonOptions));
        }

        foreach (var (module, skip) in weights)
        {
            var bytes = new MemoryStream();
            module.save(bytes, skip);
            hash.AppendData(bytes.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
