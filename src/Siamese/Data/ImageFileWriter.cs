using SkiaSharp;

namespace Siamese.Data;

/// <summary>Writes images to files atomically (a temporary file in the same folder, then one rename).</summary>
public static class ImageFileWriter
{
    /// <summary>
    /// Writes a greyscale image as an 8-bit greyscale PNG. Reading it back with
    /// <see cref="ImageFileReader.Read"/> at the same size and 1 channel gives exactly <paramref name="pixels"/>.
    /// An existing file is replaced; readers never see a partly written file.
    /// </summary>
    /// <param name="path">The PNG file to create or replace; its folder must exist.</param>
    /// <param name="pixels">height x width bytes, row after row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <exception cref="ArgumentException">pixels does not hold height x width bytes, or a size is not positive.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void WriteGrayscalePng(string path, ReadOnlySpan<byte> pixels, int height, int width)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pixels.Length != (long)height * width)
        {
            throw new ArgumentException($"expected {height} x {width} = {(long)height * width} pixels, found {pixels.Length}", nameof(pixels));
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (SKPixmap target = bitmap.PeekPixels())
        {
            Span<byte> bytes = target.GetPixelSpan<byte>();
            for (int r = 0; r < height; r++)
            {
                pixels.Slice(r * width, width).CopyTo(bytes.Slice(r * target.RowBytes, width));
            }
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"{path}: SkiaSharp could not encode the {width}x{height} image as PNG");
        AtomicFile.Write(path, png.SaveTo);
    }
}
