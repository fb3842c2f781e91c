using System.Buffers.Binary;
using System.IO.Compression;

namespace Siamese.Data;

/// <summary>
/// Reads IDX files, the format of MNIST, Fashion-MNIST, EMNIST and KMNIST: a big-endian magic number
/// 0x0000TTDD (TT = element type, DD = number of dimensions), one big-endian 32-bit size per dimension, then
/// the elements row-major. Files may be gzipped or raw; gzip is recognised by its signature (1f 8b), not by
/// the file name. Every problem with the file is reported as a <see cref="DataFormatException"/> that names the
/// file and says what was expected and what was found.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an images file: unsigned bytes (0x08), 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a labels file: unsigned bytes (0x08), 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private const int InitialCapacityLimit = 64 * 1024 * 1024;
    private const int ReadBufferSize = 1 << 16;

    /// <summary>Reads an images file (magic 0x00000803): N images of H x W unsigned bytes.</summary>
    /// <param name="path">The file, gzipped or raw.</param>
    /// <exception cref="DataFormatException">
    /// The file is missing, unreadable or not a regular file, is not an IDX images file, has a dimension of size 0, or
    /// holds fewer or more bytes than its header announces.
    /// </exception>
    public static IdxImages ReadImages(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var input = Open(path, out bool gzipped);
        int[] sizes = ReadHeader(input, path, ImagesMagic, ["image count", "rows", "columns"]);
        long length = (long)sizes[0] * sizes[1] * sizes[2];
        string shape = $"{sizes[0]} images x {sizes[1]} rows x {sizes[2]} columns";
        byte[] pixels = ReadBody(input, path, gzipped, length, HeaderLength(3), $"pixel data ({shape})");
        return new IdxImages(sizes[0], sizes[1], sizes[2], pixels);
    }

    /// <summary>Reads a labels file (magic 0x00000801): N unsigned bytes.</summary>
    /// <param name="path">The file, gzipped or raw.</param>
    /// <returns>One label (0 to 255) per item, in file order.</returns>
    /// <exception cref="DataFormatException">
    /// The file is missing, unreadable or not a regular file, is not an IDX labels file, announces 0 labels, or holds
    /// fewer or more bytes than its header announces.
    /// </exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var input = Open(path, out bool gzipped);
        int[] sizes = ReadHeader(input, path, LabelsMagic, ["label count"]);
        return ReadBody(input, path, gzipped, sizes[0], HeaderLength(1), $"labels ({sizes[0]} labels)");
    }

    private static int HeaderLength(int dimensions) => 4 + (4 * dimensions);

    private static Stream Open(string path, out bool gzipped)
    {
        // Checked before opening: opening a named pipe would wait for a writer, possibly for ever.
        NativeFileSystem.RequireRegularFile(path, "a file");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be opened: {ex.Message}", ex);
        }

        try
        {
            Span<byte> signature = stackalloc byte[2];
            int read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            file.Position = 0;
            gzipped = read == 2 && signature[0] == 0x1f && signature[1] == 0x8b;
            return gzipped ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
        }
        catch (IOException ex)
        {
            file.Dispose();
            throw new DataFormatException(path, $"cannot be read: {ex.Message}", ex);
        }
    }

    private static int[] ReadHeader(Stream input, string path, int expectedMagic, string[] dimensionNames)
    {
        int rank = dimensionNames.Length;
        string expected = $"expected IDX magic 0x{expectedMagic:X8} ({Describe(expectedMagic)})";
        Span<byte> header = stackalloc byte[HeaderLength(rank)];

        int read = ReadFully(input, header[..4], path);
        if (read == 0)
        {
            throw new DataFormatException(path, $"{expected}, found an empty file");
        }

        if (read < 4)
        {
            throw new DataFormatException(path, $"{expected}, found only {read} byte{Plural(read)}");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new DataFormatException(path, $"{expected}, found 0x{magic:X8} ({Describe(magic)})");
        }

        read = ReadFully(input, header[4..], path);
        if (read < header.Length - 4)
        {
            throw new DataFormatException(
                path,
                $"expected a {header.Length}-byte header (magic and {rank} dimension size{Plural(rank)}), found only {4 + read} bytes");
        }

        var sizes = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4 + (4 * i), 4));
            if (size == 0 || size > int.MaxValue)
            {
                throw new DataFormatException(
                    path,
                    $"expected dimension {i + 1} ({dimensionNames[i]}) to be between 1 and {int.MaxValue}, found {size}");
            }

            sizes[i] = (int)size;
        }

        return sizes;
    }

    private static byte[] ReadBody(Stream input, string path, bool gzipped, long length, int headerLength, string what)
    {
        string decompressed = gzipped ? " (after decompression)" : "";
        if (length > Array.MaxLength)
        {
            throw new DataFormatException(
                path,
                $"expected at most {Array.MaxLength} bytes of data, but the header announces {length} bytes of {what}");
        }

        // Preallocate what the header announces when the file is known to hold it (raw files); otherwise let a
        // corrupt header that announces gigabytes cost memory only as fast as data actually arrives.
        bool available = input is FileStream file && file.Length - file.Position >= length;
        var data = GC.AllocateUninitializedArray<byte>((int)(available ? length : Math.Min(length, InitialCapacityLimit)));
        int filled = 0;
        while (true)
        {
            filled += ReadFully(input, data.AsSpan(filled), path);
            if (filled < data.Length || data.Length == length)
            {
                break;
            }

            Array.Resize(ref data, (int)Math.Min(length, 2L * data.Length));
        }

        if (filled < length)
        {
            throw new DataFormatException(
                path,
                $"expected {length} bytes of {what} after the {headerLength}-byte header, found {filled}{decompressed}: the file is truncated");
        }

        long extra = CountRemaining(input, path);
        if (extra > 0)
        {
            throw new DataFormatException(
                path,
                $"expected {length} bytes of {what} after the {headerLength}-byte header, found {length + extra}{decompressed}: {extra} unexpected trailing byte{Plural(extra)}");
        }

        return data;
    }

    private static int ReadFully(Stream input, Span<byte> buffer, string path)
    {
        try
        {
            return input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(path, $"expected valid gzip data after the gzip signature 1f 8b, but decompression failed: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new DataFormatException(path, $"cannot be read: {ex.Message}", ex);
        }
    }

    private static long CountRemaining(Stream input, string path)
    {
        var buffer = new byte[ReadBufferSize];
        long total = 0;
        int read;
        while ((read = ReadFully(input, buffer, path)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static string Describe(int magic)
    {
        if ((magic >> 16) != 0)
        {
            return "not an IDX file: the first two bytes must be zero";
        }

        int type = (magic >> 8) & 0xFF;
        int rank = magic & 0xFF;
        string typeName = type switch
        {
            0x08 => "unsigned byte",
            0x09 => "signed byte",
            0x0B => "16-bit integer",
            0x0C => "32-bit integer",
            0x0D => "32-bit float",
            0x0E => "64-bit float",
            _ => $"unknown element type 0x{type:X2}",
        };
        string role = magic switch
        {
            ImagesMagic => ": an images file",
            LabelsMagic => ": a labels file",
            _ => "",
        };
        return $"{typeName}, {rank} dimension{Plural(rank)}{role}";
    }

    private static string Plural(long count) => count == 1 ? "" : "s";
}
