using System.Globalization;
using SkiaSharp;

namespace Siamese.Data;

/// <summary>
/// Decodes image files (PNG, JPEG, BMP, GIF, WebP with SkiaSharp; Netpbm PBM/PGM/PPM, plain and raw, with a reader of our own) into bytes the networks can use.
/// <list type="bullet">
/// <item>Transparency: pixels are composited on black (a fully transparent pixel reads as 0), which suits
/// MNIST-style data where the background is 0.</item>
/// <item>Greyscale (1 channel): luminance <c>round(0.299 R + 0.587 G + 0.114 B)</c> (ITU-R BT.601), so grey
/// pixels keep their exact value.</item>
/// <item>Resizing: when the file's size differs from the requested one the image is stretched (no cropping,
/// aspect ratio not kept) with bilinear filtering between linearly blended mipmap levels, so large
/// reductions average their pixels instead of aliasing. Images already at the requested size are not resampled.</item>
/// <item>Only the first frame of an animated GIF or WebP is read; EXIF orientation is ignored; no colour
/// management is applied (the stored values are used as they are).</item>
/// <item>Only regular files are opened (links to them are followed): a named pipe, device or socket is refused
/// before it is opened, since opening a named pipe waits for a writer that may never come.</item>
/// <item>Size: the size a file's header declares is checked before any pixel memory is allocated; images wider or
/// taller than <see cref="MaxImageSide"/> or with more than <see cref="MaxImagePixels"/> pixels are refused, so a
/// 70-byte file whose header claims 30000 x 30000 pixels costs nothing. The same bounds apply to the size asked for.</item>
/// </list>
/// </summary>
public static class ImageFileReader
{
    /// <summary>
    /// Largest width or height read or produced: 32768 pixels, far beyond any training image and the side of a
    /// 1-gigapixel square, but small enough that the row arithmetic of every decoder stays exact.
    /// </summary>
    public const int MaxImageSide = 32_768;

    /// <summary>
    /// Largest number of pixels (width x height) read or produced: 64 megapixels, more than any camera photograph
    /// (8000 x 8000, or 9504 x 6336 at 60 MP). Decoding one such image takes 256 MB (4 bytes a pixel), and images
    /// are decoded on several threads at once, so the bound keeps a hostile or damaged header from costing gigabytes.
    /// </summary>
    public const int MaxImagePixels = 64_000_000;

    private const string Expected = "not a readable image (expected PNG, JPEG, BMP, GIF, WebP or Netpbm PBM/PGM/PPM)";

    /// <summary>Reads <paramref name="path"/> as a <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> image.</summary>
    /// <param name="path">The image file; its format is found from its content, not its name.</param>
    /// <param name="channels">1 for greyscale, 3 for RGB.</param>
    /// <param name="height">Rows of the result.</param>
    /// <param name="width">Columns of the result.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// channels is not 1 or 3, or a size is not positive or beyond <see cref="MaxImageSide"/> and <see cref="MaxImagePixels"/>.
    /// </exception>
    /// <exception cref="DataFormatException">
    /// The file is missing or not a regular file, is not an image in a supported format, declares a size beyond
    /// <see cref="MaxImageSide"/> or <see cref="MaxImagePixels"/>, or its data is corrupt.
    /// </exception>
    public static ImagePixels Read(string path, int channels, int height, int width)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSizes(channels, height, width);
        using SKBitmap decoded = Decode(path);
        if (decoded.Width == width && decoded.Height == height)
        {
            return new ImagePixels(channels, height, width, ToPlanes(decoded, channels));
        }

        using SKBitmap resized = Resize(decoded, path, height, width);
        return new ImagePixels(channels, height, width, ToPlanes(resized, channels));
    }

    /// <summary>
    /// The width and height of the image in <paramref name="path"/>, as stored in the file. For the formats SkiaSharp
    /// reads only the header is read, so corrupt pixel data is reported by <see cref="Read"/>, not here; Netpbm files
    /// are decoded whole.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The file is missing or not a regular file, is not a readable image, or declares a size beyond
    /// <see cref="MaxImageSide"/> or <see cref="MaxImagePixels"/>.
    /// </exception>
    public static (int Width, int Height) ReadSize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (DecodeIfNetpbm(path) is { } netpbm)
        {
            using (netpbm)
            {
                return (netpbm.Width, netpbm.Height);
            }
        }

        using SKCodec codec = OpenCodec(path);
        return (codec.Info.Width, codec.Info.Height);
    }

    internal static void CheckSizes(int channels, int height, int width)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 (greyscale) or 3 (RGB)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (TooLarge(width, height))
        {
            throw new ArgumentOutOfRangeException(
                nameof(height),
                string.Create(CultureInfo.InvariantCulture, $"an image of {height} rows x {width} columns is too large: images may have {Bounds}"));
        }
    }

    /// <summary>Refuses a header's size beyond <see cref="MaxImageSide"/> or <see cref="MaxImagePixels"/>, before anything is allocated for it.</summary>
    /// <param name="path">The file, for the message.</param>
    /// <param name="format">The format whose header declared the size ("PNG", "Netpbm").</param>
    /// <param name="width">Declared columns.</param>
    /// <param name="height">Declared rows.</param>
    /// <exception cref="DataFormatException">The size is beyond the bounds.</exception>
    internal static void CheckDeclaredSize(string path, string format, int width, int height)
    {
        if (TooLarge(width, height))
        {
            throw new DataFormatException(
                path,
                string.Create(CultureInfo.InvariantCulture, $"expected an image of {Bounds}, but its {format} header declares {width}x{height} pixels ({(long)width * height:N0} in all)"));
        }
    }

    private static string Bounds => string.Create(CultureInfo.InvariantCulture, $"at most {MaxImageSide} pixels a side and {MaxImagePixels / 1_000_000} megapixels ({MaxImagePixels:N0} pixels) in all");

    private static bool TooLarge(int width, int height) =>
        width > MaxImageSide || height > MaxImageSide || (long)width * height > MaxImagePixels;

    private static SKBitmap Decode(string path)
    {
        if (DecodeIfNetpbm(path) is { } netpbm)
        {
            return netpbm;
        }

        using SKCodec codec = OpenCodec(path);

        // Premultiplied RGBA is the image composited on black, and the right form for filtering when resizing.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new DataFormatException(path, $"{Expected}: its {codec.EncodedFormat} data could not be decoded ({result})");
        }

        return bitmap;
    }

    /// <summary>
    /// Checks, without opening it, that <paramref name="path"/> is a regular file; decodes it when it is Netpbm (our own
    /// reader), and returns null when SkiaSharp should read it.
    /// </summary>
    private static SKBitmap? DecodeIfNetpbm(string path)
    {
        NativeFileSystem.RequireRegularFile(path, "an image file");
        var head = new byte[2];
        long length;
        using (var stream = File.OpenRead(path))
        {
            stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            length = stream.Length;
        }

        if (!NetpbmReader.IsNetpbm(head))
        {
            return null;
        }

        if (length > Array.MaxLength)
        {
            throw new DataFormatException(path, string.Create(CultureInfo.InvariantCulture, $"expected a Netpbm file of at most {Array.MaxLength:N0} bytes, found {length:N0}"));
        }

        return NetpbmReader.Decode(path, File.ReadAllBytes(path));
    }

    /// <summary>
    /// A SkiaSharp codec for <paramref name="path"/>, which has read the file's header (size and format) but no pixels;
    /// the declared size is within <see cref="MaxImageSide"/> and <see cref="MaxImagePixels"/>.
    /// </summary>
    private static SKCodec OpenCodec(string path)
    {
        SKCodec codec = SKCodec.Create(path, out SKCodecResult created) ?? throw new DataFormatException(path, $"{Expected}; SkiaSharp: {created}");
        try
        {
            CheckDeclaredSize(path, codec.EncodedFormat.ToString().ToUpperInvariant(), codec.Info.Width, codec.Info.Height);
            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }

    private static SKBitmap Resize(SKBitmap source, string path, int height, int width)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var target = new SKBitmap(info);
        using SKPixmap from = source.PeekPixels();
        using SKPixmap to = target.PeekPixels();
        if (!from.ScalePixels(to, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
        {
            target.Dispose();
            throw new DataFormatException(path, $"could not resize the {source.Width}x{source.Height} image to {width}x{height}");
        }

        return target;
    }

    private static byte[] ToPlanes(SKBitmap bitmap, int channels)
    {
        int height = bitmap.Height;
        int width = bitmap.Width;
        int plane = height * width;
        int rowBytes = bitmap.RowBytes;
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        var planes = new byte[channels * plane];
        for (int r = 0; r < height; r++)
        {
            ReadOnlySpan<byte> row = rgba.Slice(r * rowBytes, width * 4);
            for (int c = 0; c < width; c++)
            {
                byte red = row[4 * c];
                byte green = row[(4 * c) + 1];
                byte blue = row[(4 * c) + 2];
                int at = (r * width) + c;
                if (channels == 1)
                {
                    planes[at] = (byte)(((299 * red) + (587 * green) + (114 * blue) + 500) / 1000);
                }
                else
                {
                    planes[at] = red;
                    planes[plane + at] = green;
                    planes[(2 * plane) + at] = blue;
                }
            }
        }

        return planes;
    }
}
