namespace Siamese.Data;

/// <summary>One decoded image as bytes (0 to 255) in (channel, row, column) order, as returned by <see cref="ImageFileReader.Read"/>.</summary>
public sealed class ImagePixels
{
    internal ImagePixels(int channels, int height, int width, byte[] pixels)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Pixels = pixels;
    }

    /// <summary>1 for greyscale, 3 for RGB (red, green, blue planes in that order).</summary>
    public int Channels { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>
    /// Channels x Height x Width bytes; the value of channel k at row r and column c is at <c>(k * Height + r) * Width + c</c>.
    /// The array is freshly allocated for this result and owned by the caller.
    /// </summary>
    public byte[] Pixels { get; }
}
