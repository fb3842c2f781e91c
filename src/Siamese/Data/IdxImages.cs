namespace Siamese.Data;

/// <summary>
/// Greyscale images read from an IDX file by <see cref="IdxReader.ReadImages"/>: <see cref="Count"/> images of
/// <see cref="Height"/> x <see cref="Width"/> unsigned bytes, stored row-major image after image.
/// </summary>
public sealed class IdxImages
{
    internal IdxImages(int count, int height, int width, byte[] pixels)
    {
        Count = count;
        Height = height;
        Width = width;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>
    /// All pixels, 0 (background in MNIST-style sets) to 255, in (image, row, column) order: the pixel at row r and
    /// column c of image i is at <c>(i * Height + r) * Width + c</c>. Length is Count x Height x Width. The array
    /// is freshly allocated for this result and owned by the caller.
    /// </summary>
    public byte[] Pixels { get; }
}
