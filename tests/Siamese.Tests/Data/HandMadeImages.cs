using System.Buffers.Binary;
using System.IO.Compression;

namespace Siamese.Tests.Data;

/// <summary>
/// Image files written byte by byte, independently of the readers under test; most are small files whose headers
/// declare far more pixels than they hold: what an attacker or a damaged download gives a reader that trusts the header.
/// </summary>
internal static class HandMadeImages
{
    /// <summary>A PNG whose IHDR declares <paramref name="width"/> x <paramref name="height"/> 8-bit grey pixels, followed by one tiny IDAT and IEND (under 100 bytes).</summary>
    public static byte[] Png(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // colour type: greyscale; compression, filter and interlace stay 0

        // The first row's filter byte and a few pixels, compressed: valid zlib data, far too short for the image.
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(new byte[16]);
        }

        return
        [
            0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A,
            .. PngChunk("IHDR", header),
            .. PngChunk("IDAT", compressed.ToArray()),
            .. PngChunk("IEND", []),
        ];
    }

    /// <summary>
    /// A baseline JPEG whose SOF0 declares <paramref name="width"/> x <paramref name="height"/> pixels of one component,
    /// with a quantisation table and a scan header but only a few bytes of scan data.
    /// </summary>
    public static byte[] Jpeg(int width, int height)
    {
        byte[] quantisation = [0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)1, 64)];
        byte[] frame = [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7), (ushort)width);
        byte[] scan = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00];
        return [0xFF, 0xD8, .. quantisation, .. frame, .. scan, .. new byte[8], 0xFF, 0xD9];
    }

    /// <summary>
    /// A 24-bit BMP whose info header declares <paramref name="width"/> x <paramref name="height"/> pixels (a negative
    /// height means top-down rows) but which holds 16 bytes of pixel data.
    /// </summary>
    public static byte[] Bmp(int width, int height) => Bmp24(width, height, 16);

    /// <summary>
    /// An uncompressed 24-bit BMP with its 54-byte header (file header and BITMAPINFOHEADER) declaring
    /// <paramref name="width"/> x <paramref name="height"/> pixels, followed by <paramref name="pixelBytes"/> zero bytes
    /// of pixel data for the caller to fill (rows bottom-up, each padded to 4 bytes, blue-green-red).
    /// </summary>
    public static byte[] Bmp24(int width, int height, int pixelBytes)
    {
        var bytes = new byte[54 + pixelBytes];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(34), pixelBytes);
        return bytes;
    }

    /// <summary>A PNG chunk: big-endian length, type, data, and the CRC-32 of type and data.</summary>
    private static byte[] PngChunk(string type, byte[] data)
    {
        byte[] typed = [.. type.Select(c => (byte)c), .. data];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    /// <summary>CRC-32 as PNG defines it (ISO 3309: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
