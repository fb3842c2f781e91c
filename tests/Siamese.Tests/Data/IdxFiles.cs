using System.Buffers.Binary;
using System.IO.Compression;

namespace Siamese.Tests.Data;

/// <summary>Builds IDX files by hand, independently of the reader under test.</summary>
internal static class IdxFiles
{
    public static byte[] Build(int magic, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + (4 * sizes.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), sizes[i]);
        }

        data.CopyTo(bytes, 4 + (4 * sizes.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    public static string Write(string path, byte[] bytes, bool gzipped)
    {
        File.WriteAllBytes(path, gzipped ? Gzip(bytes) : bytes);
        return path;
    }

    public static string WriteImages(string path, int count, int height, int width, byte[] pixels, bool gzipped = false) =>
        Write(path, Build(0x00000803, [count, height, width], pixels), gzipped);

    public static string WriteLabels(string path, byte[] labels, bool gzipped = false) =>
        Write(path, Build(0x00000801, [labels.Length], labels), gzipped);

    /// <summary>count x height x width bytes where byte k is (k * 7 + 3) mod 256, so that every position differs from its neighbours.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int k = 0; k < length; k++)
        {
            bytes[k] = (byte)((k * 7) + 3);
        }

        return bytes;
    }
}
