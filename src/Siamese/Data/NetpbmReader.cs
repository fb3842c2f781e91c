using System.Globalization;
using SkiaSharp;

namespace Siamese.Data;

/// <summary>
/// Decodes Netpbm images (PBM, PGM, PPM in plain P1–P3 and raw P4–P6 form; many face and signature
/// research sets ship as PGM), which SkiaSharp does not read, into an RGBA bitmap so that they resize and
/// convert like every other image. Samples are scaled from 0..maxval to 0..255 (16-bit samples too); in
/// bitmaps 1 is black. Every malformed or truncated file is a <see cref="DataFormatException"/> naming it.
/// </summary>
internal static class NetpbmReader
{
    /// <summary>Whether the file starts with a Netpbm magic number P1 to P6.</summary>
    public static bool IsNetpbm(ReadOnlySpan<byte> head) =>
        head.Length >= 2 && head[0] == (byte)'P' && head[1] is >= (byte)'1' and <= (byte)'6';

    /// <summary>
    /// Decodes the Netpbm file held in <paramref name="bytes"/>. The header's size is held to the bounds of
    /// <see cref="ImageFileReader.MaxImageSide"/> and <see cref="ImageFileReader.MaxImagePixels"/>, and the file must
    /// hold at least one byte per sample before anything is allocated for them.
    /// </summary>
    public static SKBitmap Decode(string path, byte[] bytes)
    {
        var reader = new Cursor(path, bytes);
        char kind = (char)bytes[1];
        reader.Position = 2;
        int width = reader.HeaderNumber("width", 1, int.MaxValue);
        int height = reader.HeaderNumber("height", 1, int.MaxValue);
        ImageFileReader.CheckDeclaredSize(path, "Netpbm", width, height);
        bool bitmap = kind is '1' or '4';
        int maxValue = bitmap ? 1 : reader.HeaderNumber("maximum value", 1, 65535);
        int channels = kind is '3' or '6' ? 3 : 1;
        int samples = width * height * channels;
        byte[] values;
        switch (kind)
        {
            case '1':
                values = reader.PlainRaster(samples, width, height);
                for (int i = 0; i < samples; i++)
                {
                    values[i] = reader.PlainBit(i, samples);
                }

                break;
            case '2' or '3':
                values = reader.PlainRaster(samples, width, height);
                for (int i = 0; i < samples; i++)
                {
                    values[i] = Scale(reader.PlainSample(maxValue, i, samples), maxValue);
                }

                break;
            case '4':
                reader.SkipSingleWhitespace();
                int rowBytes = (width + 7) / 8;
                reader.Require((long)rowBytes * height, $"{height} rows of {rowBytes} bytes");
                values = new byte[samples];
                for (int r = 0; r < height; r++)
                {
                    for (int c = 0; c < width; c++)
                    {
                        values[(r * width) + c] = (byte)((bytes[reader.Position + (r * rowBytes) + (c / 8)] >> (7 - (c % 8))) & 1);
                    }
                }

                break;
            default:
                reader.SkipSingleWhitespace();
                int size = maxValue < 256 ? 1 : 2;
                reader.Require((long)samples * size, $"{samples} samples of {size} byte{(size == 1 ? "" : "s")}");
                values = new byte[samples];
                for (int i = 0; i < samples; i++)
                {
                    int at = reader.Position + (i * size);
                    int value = size == 1 ? bytes[at] : (bytes[at] << 8) | bytes[at + 1];
                    if (value > maxValue)
                    {
                        throw new DataFormatException(path, $"sample {i} is {value}, above the declared maximum {maxValue}");
                    }

                    values[i] = Scale(value, maxValue);
                }

                break;
        }

        return ToBitmap(values, width, height, channels, bitmap);
    }

    /// <summary>A sample scaled from 0..<paramref name="maxValue"/> to 0..255.</summary>
    private static byte Scale(int value, int maxValue) => (byte)(((value * 255) + (maxValue / 2)) / maxValue);

    /// <summary>An RGBA bitmap of the samples: 0..255, or when <paramref name="blackIsOne"/> (PBM) 0 and 1, 1 being black.</summary>
    private static SKBitmap ToBitmap(byte[] values, int width, int height, int channels, bool blackIsOne)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        Span<byte> rgba = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                int pixel = (r * width) + c;
                int at = (r * rowBytes) + (4 * c);
                for (int k = 0; k < 3; k++)
                {
                    byte value = values[(pixel * channels) + (channels == 3 ? k : 0)];
                    rgba[at + k] = blackIsOne ? (byte)(value == 1 ? 0 : 255) : value;
                }

                rgba[at + 3] = 255;
            }
        }

        return bitmap;
    }

    /// <summary>Reads header tokens and plain samples, skipping whitespace and # comments.</summary>
    private sealed class Cursor(string path, byte[] bytes)
    {
        public int Position { get; set; }

        public int HeaderNumber(string name, int minimum, int maximum)
        {
            SkipWhitespaceAndComments();
            long value = Digits($"the {name} in the header");
            if (value < minimum || value > maximum)
            {
                throw new DataFormatException(path, $"the {name} {value} in the header is outside {minimum}..{maximum}");
            }

            return (int)value;
        }

        public int PlainSample(int maxValue, int index, int count)
        {
            SkipWhitespaceAndComments();
            long value = Digits($"sample {index} of {count} (the file is truncated or holds something else)");
            if (value > maxValue)
            {
                throw new DataFormatException(path, $"sample {index} is {value}, above the declared maximum {maxValue}");
            }

            return (int)value;
        }

        /// <summary>Plain bitmaps need no separator between the 0 and 1 digits.</summary>
        public byte PlainBit(int index, int count)
        {
            SkipWhitespaceAndComments();
            if (Position >= bytes.Length || bytes[Position] is not ((byte)'0' or (byte)'1'))
            {
                throw new DataFormatException(path, $"expected 0 or 1 for pixel {index} of {count} (the file is truncated or holds something else)");
            }

            return (byte)(bytes[Position++] - '0');
        }

        public void SkipSingleWhitespace()
        {
            if (Position >= bytes.Length || !IsWhitespace(bytes[Position]))
            {
                throw new DataFormatException(path, "expected one whitespace character between the header and the raster");
            }

            Position++;
        }

        public void Require(long length, string what)
        {
            if (bytes.Length - Position < length)
            {
                throw new DataFormatException(path, $"truncated: the raster needs {what} ({length} bytes) but {bytes.Length - Position} follow the header");
            }
        }

        /// <summary>
        /// Room for the samples of a plain raster, once the file is seen to hold at least one byte for each (a plain
        /// sample takes at least one character), so a header cannot make us allocate more than the file holds.
        /// </summary>
        public byte[] PlainRaster(int samples, int width, int height)
        {
            if (bytes.Length - Position < samples)
            {
                throw new DataFormatException(path, $"truncated: a {width}x{height} image needs {samples} plain samples, at least one byte each, but {bytes.Length - Position} bytes follow the header");
            }

            return new byte[samples];
        }

        private long Digits(string what)
        {
            int start = Position;
            long value = 0;
            while (Position < bytes.Length && bytes[Position] is >= (byte)'0' and <= (byte)'9' && Position - start < 10)
            {
                value = (value * 10) + (bytes[Position++] - '0');
            }

            if (Position == start || (Position < bytes.Length && !IsWhitespace(bytes[Position]) && bytes[Position] != (byte)'#'))
            {
                string found = Position < bytes.Length ? MessageText.Quote(((char)bytes[Position]).ToString()) : "the end of the file";
                throw new DataFormatException(path, string.Create(CultureInfo.InvariantCulture, $"expected a whole number for {what}, found {found}"));
            }

            return value;
        }

        private void SkipWhitespaceAndComments()
        {
            while (Position < bytes.Length)
            {
                if (IsWhitespace(bytes[Position]))
                {
                    Position++;
                }
                else if (bytes[Position] == (byte)'#')
                {
                    while (Position < bytes.Length && bytes[Position] is not ((byte)'\n' or (byte)'\r'))
                    {
                        Position++;
                    }
                }
                else
                {
                    break;
                }
            }
        }

        private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';
    }
}
