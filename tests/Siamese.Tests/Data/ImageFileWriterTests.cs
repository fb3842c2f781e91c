using Siamese.Data;

namespace Siamese.Tests.Data;

public class ImageFileWriterTests
{
    [Fact]
    public void WriteGrayscalePng_ReadBackAtNativeSize_GivesExactPixels()
    {
        // Given a 3 x 5 image using the extremes and values in between
        using var temp = new TempFolder();
        string path = temp.File("sample.png");
        byte[] pixels = [0, 255, 1, 254, 128, 7, 77, 177, 30, 200, 99, 100, 101, 2, 253];

        // When it is written and read back with 1 channel at 3 x 5
        ImageFileWriter.WriteGrayscalePng(path, pixels, 3, 5);
        ImagePixels read = ImageFileReader.Read(path, 1, 3, 5);

        // Then every pixel is unchanged
        Assert.Equal(pixels, read.Pixels);
        Assert.Equal((1, 3, 5), (read.Channels, read.Height, read.Width));
    }

    [Fact]
    public void WriteGrayscalePng_AnyImage_Writes8BitGreyscalePng()
    {
        // Given a 2 x 3 image
        using var temp = new TempFolder();
        string path = temp.File("grey.png");

        // When it is written
        ImageFileWriter.WriteGrayscalePng(path, [1, 2, 3, 4, 5, 6], 2, 3);

        // Then the file is a PNG whose header says 3 x 2, bit depth 8, colour type 0 (greyscale)
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal([0, 0, 0, 3, 0, 0, 0, 2, 8, 0], bytes[16..26]);
    }

    [Fact]
    public void WriteGrayscalePng_ExistingFile_IsReplacedAndNoTemporaryFileRemains()
    {
        // Given a file already at the destination
        using var temp = new TempFolder();
        string path = temp.File("sample.png");
        File.WriteAllText(path, "old content");

        // When an image is written there
        ImageFileWriter.WriteGrayscalePng(path, [10, 20, 30, 40], 2, 2);

        // Then the file holds the image and the folder holds nothing else
        Assert.Equal([10, 20, 30, 40], ImageFileReader.Read(path, 1, 2, 2).Pixels);
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void WriteGrayscalePng_WrongPixelCount_ThrowsAndWritesNothing()
    {
        // Given 5 pixels for a 2 x 2 image
        using var temp = new TempFolder();
        string path = temp.File("sample.png");

        // When it is written
        var error = Assert.Throws<ArgumentException>(() => ImageFileWriter.WriteGrayscalePng(path, [1, 2, 3, 4, 5], 2, 2));

        // Then the sizes are reported and no file appears
        Assert.Contains("expected 2 x 2 = 4 pixels, found 5", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
