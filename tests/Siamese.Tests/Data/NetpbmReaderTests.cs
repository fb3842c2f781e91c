using System.Text;
using Siamese.Data;

namespace Siamese.Tests.Data;

public class NetpbmReaderTests
{
    private static string Write(TempFolder temp, string name, byte[] bytes)
    {
        string path = temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Concat(string header, params byte[] raster) => [.. Ascii(header), .. raster];

    [Theory]
    [InlineData("P2\n# a comment\n3 2\n255\n0 128 255\n10 20 30\n")]
    [InlineData("P2 3 2 255 0 128 255 10 20 30")]
    public void Read_PlainGreymap_GivesItsSamples(string file)
    {
        // Given a plain 3 x 2 PGM (with or without comments and line breaks)
        using var temp = new TempFolder();
        string path = Write(temp, "plain.pgm", Ascii(file));

        // When it is read as greyscale at its own size
        var image = ImageFileReader.Read(path, 1, 2, 3);

        // Then the samples come back unchanged
        Assert.Equal([0, 128, 255, 10, 20, 30], image.Pixels);
    }

    [Fact]
    public void Read_RawGreymap_EqualsThePlainOne()
    {
        using var temp = new TempFolder();
        string path = Write(temp, "raw.pgm", Concat("P5\n3 2\n255\n", 0, 128, 255, 10, 20, 30));

        var image = ImageFileReader.Read(path, 1, 2, 3);

        Assert.Equal([0, 128, 255, 10, 20, 30], image.Pixels);
    }

    [Fact]
    public void Read_SixteenBitGreymap_ScalesToBytes()
    {
        // Given a raw PGM with maximum value 1000: samples 0, 500 and 1000, big-endian
        using var temp = new TempFolder();
        string path = Write(temp, "deep.pgm", Concat("P5 3 1 1000\n", 0, 0, 0x01, 0xF4, 0x03, 0xE8));

        var image = ImageFileReader.Read(path, 1, 1, 3);

        // Then they become round(v * 255 / 1000)
        Assert.Equal([0, 128, 255], image.Pixels);
    }

    [Fact]
    public void Read_SmallMaximum_ScalesToFullRange()
    {
        using var temp = new TempFolder();
        string path = Write(temp, "four.pgm", Ascii("P2 3 1 4 0 2 4"));

        var image = ImageFileReader.Read(path, 1, 1, 3);

        Assert.Equal([0, 128, 255], image.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Pixmap_GivesChannelPlanes(bool raw)
    {
        // Given a 2 x 1 PPM: red and (10, 200, 40)
        using var temp = new TempFolder();
        byte[] bytes = raw ? Concat("P6\n2 1\n255\n", 255, 0, 0, 10, 200, 40) : Ascii("P3\n2 1\n255\n255 0 0  10 200 40\n");
        string path = Write(temp, "colour.ppm", bytes);

        // When read as RGB, and as greyscale
        var rgb = ImageFileReader.Read(path, 3, 1, 2);
        var grey = ImageFileReader.Read(path, 1, 1, 2);

        // Then the planes follow each other, and greyscale is the BT.601 luminance
        Assert.Equal([255, 10, 0, 200, 0, 40], rgb.Pixels);
        Assert.Equal([76, 125], grey.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Bitmap_OneIsBlack(bool raw)
    {
        // Given a 10 x 2 PBM: row 0 alternates 1,0,...; row 1 is all 0 except the last pixel
        using var temp = new TempFolder();
        byte[] bytes = raw
            ? Concat("P4\n10 2\n", 0b1010_1010, 0b1000_0000, 0b0000_0000, 0b0100_0000)
            : Ascii("P1\n10 2\n1010101010\n0 0 0 0 0 0 0 0 0 1\n");
        string path = Write(temp, "bits.pbm", bytes);

        // When read
        var image = ImageFileReader.Read(path, 1, 2, 10);

        // Then 1 is black (0) and 0 is white (255); raw rows are padded to whole bytes
        byte[] expected = [0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0];
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void Read_LargerThanTheModelInput_IsResized()
    {
        using var temp = new TempFolder();
        string path = Write(temp, "flat.pgm", Concat("P5 4 4 255\n", Enumerable.Repeat((byte)90, 16).ToArray()));

        var image = ImageFileReader.Read(path, 1, 2, 2);

        Assert.Equal([90, 90, 90, 90], image.Pixels);
    }

    [Theory]
    [InlineData("P5 3 2 255\n\u0001\u0002", "truncated")]
    [InlineData("P2 3 2 255 0 1 2 3", "sample 4 of 6")]
    [InlineData("P2 2 1 100 5 101", "above the declared maximum 100")]
    [InlineData("P2 0 2 255", "width 0")]
    [InlineData("P2 2 2 70000", "maximum value 70000")]
    [InlineData("P2 x 2 255", "expected a whole number for the width")]
    [InlineData("P2 3\u001b[2J 2 255", "expected a whole number for the width in the header, found '\\u001B'")]
    [InlineData("P1 2 1 1 7", "expected 0 or 1 for pixel 1")]
    [InlineData("P5 1 1 255", "whitespace")]
    public void Read_MalformedFile_NamesTheFileAndTheProblem(string content, string expected)
    {
        // Given a broken Netpbm file
        using var temp = new TempFolder();
        string path = Write(temp, "broken.pgm", Encoding.Latin1.GetBytes(content));

        // When it is read, then the error names the file and what is wrong
        var ex = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 2, 3));
        Assert.Contains("broken.pgm", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("P5 8001 8000 255\n", "8001x8000")]
    [InlineData("P2 32769 1 255 0", "32769x1")]
    [InlineData("P6 40000 40000 255\n", "40000x40000")]
    public void Read_HeaderBeyondTheBounds_IsRefusedWithTheBoundsOfEveryFormat(string header, string declared)
    {
        // Given Netpbm headers declaring more pixels, or a longer side, than ImageFileReader allows any image
        using var temp = new TempFolder();
        string path = Write(temp, "huge.pgm", Concat(header, 1, 2, 3));

        // When it is read, then the error is the one every format gives
        var ex = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 2, 3));
        Assert.StartsWith(
            $"{path}: expected an image of at most 32768 pixels a side and 64 megapixels (64,000,000 pixels) in all, but its Netpbm header declares {declared} pixels",
            ex.Message);
    }

    [Theory]
    [InlineData("P2 8000 8000 255 1 2 3")]
    [InlineData("P1 8000 8000 1 0 1")]
    [InlineData("P5 8000 8000 255\n\u0001\u0002\u0003")]
    [InlineData("P6 4000 4000 65535\n\u0001\u0002\u0003")]
    public void Read_HeaderWithoutTheSamples_FailsBeforeAllocatingForThem(string content)
    {
        // Given a header within the bounds (up to 64 megapixels) followed by three samples
        using var temp = new TempFolder();
        string path = Write(temp, "short.pgm", Encoding.Latin1.GetBytes(content));

        // When it is read
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 2, 3));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then it is reported as truncated, and less than a megabyte was allocated (not the raster the header declares)
        Assert.Contains("truncated", ex.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }
}
