using Siamese.Data;
using SkiaSharp;

namespace Siamese.Tests.Data;

public class ImageFileReaderTests
{
    [Fact]
    public void Read_ColouredPixelsAsGreyscale_GivesBt601Luminance()
    {
        // Given a 1 x 4 PNG: red, green, blue and (10, 200, 40)
        using var temp = new TempFolder();
        string path = WriteRgbaPng(temp.File("colours.png"), 1, [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (10, 200, 40, 255)]);

        // When it is read with 1 channel
        ImagePixels image = ImageFileReader.Read(path, 1, 1, 4);

        // Then each pixel is round(0.299 R + 0.587 G + 0.114 B)
        Assert.Equal([76, 150, 29, 125], image.Pixels);
    }

    [Fact]
    public void Read_ColouredPixelsAsRgb_GivesChannelPlanes()
    {
        // Given a 2 x 2 PNG of four colours
        using var temp = new TempFolder();
        string path = WriteRgbaPng(
            temp.File("colours.png"), 2, [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (10, 200, 40, 255)]);

        // When it is read with 3 channels
        ImagePixels image = ImageFileReader.Read(path, 3, 2, 2);

        // Then the red, green and blue planes follow each other, row-major inside each
        Assert.Equal([255, 0, 0, 10, 0, 255, 0, 200, 0, 0, 255, 40], image.Pixels);
    }

    [Fact]
    public void Read_TransparentPixels_AreCompositedOnBlack()
    {
        // Given white pixels with alpha 0, 128 and 255
        using var temp = new TempFolder();
        string path = WriteRgbaPng(temp.File("alpha.png"), 1, [(255, 255, 255, 0), (255, 255, 255, 128), (255, 255, 255, 255)]);

        // When it is read as greyscale
        ImagePixels image = ImageFileReader.Read(path, 1, 1, 3);

        // Then the values are those of white over black
        Assert.Equal(0, image.Pixels[0]);
        Assert.InRange(image.Pixels[1], 127, 129);
        Assert.Equal(255, image.Pixels[2]);
    }

    [Fact]
    public void Read_LargeReduction_AveragesInsteadOfAliasing()
    {
        // Given a 196 x 196 checkerboard of single black and white pixels (7 times 28, so that a plain
        // bilinear filter would sample pixel centres and return pure black or white)
        using var temp = new TempFolder();
        var pixels = new byte[196 * 196];
        for (int r = 0; r < 196; r++)
        {
            for (int c = 0; c < 196; c++)
            {
                pixels[(r * 196) + c] = (byte)((r + c) % 2 == 0 ? 0 : 255);
            }
        }

        string path = temp.File("checkerboard.png");
        ImageFileWriter.WriteGrayscalePng(path, pixels, 196, 196);

        // When it is read at 28 x 28
        ImagePixels image = ImageFileReader.Read(path, 1, 28, 28);

        // Then every pixel is mid-grey, the average of the pattern
        Assert.Equal(28 * 28, image.Pixels.Length);
        Assert.All(image.Pixels, p => Assert.InRange(p, 112, 143));
    }

    [Fact]
    public void Read_Enlargement_InterpolatesBetweenPixels()
    {
        // Given a 1 x 2 image, black then white
        using var temp = new TempFolder();
        string path = temp.File("ramp.png");
        ImageFileWriter.WriteGrayscalePng(path, [0, 255], 1, 2);

        // When it is read at 2 x 8
        ImagePixels image = ImageFileReader.Read(path, 1, 2, 8);

        // Then both rows rise from black to white without steps larger than a linear ramp's
        for (int r = 0; r < 2; r++)
        {
            byte[] row = image.Pixels[(r * 8)..((r + 1) * 8)];
            Assert.Equal(0, row[0]);
            Assert.Equal(255, row[7]);
            for (int c = 1; c < 8; c++)
            {
                Assert.InRange(row[c] - row[c - 1], 0, 70);
            }
        }
    }

    [Fact]
    public void Read_UniformImageResized_StaysUniform()
    {
        // Given a 10 x 10 image of value 77
        using var temp = new TempFolder();
        string path = temp.File("flat.png");
        ImageFileWriter.WriteGrayscalePng(path, Enumerable.Repeat((byte)77, 100).ToArray(), 10, 10);

        // When it is read at 3 x 7 with 3 channels
        ImagePixels image = ImageFileReader.Read(path, 3, 3, 7);

        // Then every value of every channel is 77
        Assert.Equal(3 * 3 * 7, image.Pixels.Length);
        Assert.All(image.Pixels, p => Assert.Equal(77, p));
    }

    [Fact]
    public void Read_Jpeg_IsDecoded()
    {
        // Given a JPEG of a flat grey 8 x 8 image
        using var temp = new TempFolder();
        string path = temp.File("flat.jpg");
        using (var bitmap = new SKBitmap(new SKImageInfo(8, 8, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            bitmap.Erase(new SKColor(90, 90, 90));
            using SKData data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
            File.WriteAllBytes(path, data.ToArray());
        }

        // When it is read
        ImagePixels image = ImageFileReader.Read(path, 1, 8, 8);

        // Then the grey level survives the lossy format
        Assert.All(image.Pixels, p => Assert.InRange(p, 87, 93));
    }

    [Fact]
    public void Read_NotAnImage_SaysWhichFormatsAreExpected()
    {
        // Given a text file named like a PNG
        using var temp = new TempFolder();
        string path = temp.File("x.png");
        File.WriteAllText(path, "this is text");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 4, 4));

        // Then the message names the file and the formats
        Assert.StartsWith($"{path}: not a readable image (expected PNG, JPEG, BMP, GIF, WebP or Netpbm PBM/PGM/PPM)", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Read_TruncatedPng_ReportsUndecodableData()
    {
        // Given the first half of a valid PNG with varied content
        using var temp = new TempFolder();
        string path = WriteTruncatedPng(temp.File("half.png"));

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 64, 64));

        // Then the error names the file
        Assert.StartsWith($"{path}: not a readable image", error.Message);
    }

    [Fact]
    public void ReadSize_PngAndNetpbm_GiveTheStoredWidthAndHeight()
    {
        // Given a 5 x 3 PNG and a 7 x 2 raw PGM
        using var temp = new TempFolder();
        string png = temp.File("wide.png");
        ImageFileWriter.WriteGrayscalePng(png, new byte[3 * 5], 3, 5);
        string pgm = temp.File("wide.pgm");
        File.WriteAllBytes(pgm, [.. "P5\n7 2\n255\n"u8, .. new byte[2 * 7]]);

        // When their sizes are read, then each is (width, height) as stored
        Assert.Equal((5, 3), ImageFileReader.ReadSize(png));
        Assert.Equal((7, 2), ImageFileReader.ReadSize(pgm));
    }

    [Fact]
    public void ReadSize_TruncatedPng_GivesTheHeaderSizeAndReadReportsTheData()
    {
        // Given the first half of a valid 64 x 64 PNG: its header is whole, its pixel data is not
        using var temp = new TempFolder();
        string path = WriteTruncatedPng(temp.File("half.png"));

        // When its size is read, then the header's size comes back without decoding the pixels
        Assert.Equal((64, 64), ImageFileReader.ReadSize(path));

        // And reading the image still reports the broken data
        var error = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 64, 64));
        Assert.StartsWith($"{path}: not a readable image", error.Message);
    }

    [Fact]
    public void ReadSize_NotAnImageOrMissing_Throws()
    {
        // Given a text file named like a PNG and a path with no file
        using var temp = new TempFolder();
        string text = temp.File("x.png");
        File.WriteAllText(text, "this is text");
        string absent = temp.File("absent.png");

        // When their sizes are read, then the errors name the file and say why
        var notImage = Assert.Throws<DataFormatException>(() => ImageFileReader.ReadSize(text));
        var missing = Assert.Throws<DataFormatException>(() => ImageFileReader.ReadSize(absent));
        Assert.StartsWith($"{text}: not a readable image (expected PNG, JPEG, BMP, GIF, WebP or Netpbm PBM/PGM/PPM)", notImage.Message);
        Assert.Equal($"{absent}: file not found", missing.Message);
    }

    [Fact]
    public void Read_MissingFile_SaysFileNotFound()
    {
        // Given a path where there is no file
        using var temp = new TempFolder();
        string path = temp.File("absent.png");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 4, 4));

        // Then the message says so
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Theory]
    [InlineData(2, 4, 4)]
    [InlineData(1, 0, 4)]
    [InlineData(3, 4, -1)]
    [InlineData(1, ImageFileReader.MaxImageSide + 1, 1)]
    [InlineData(3, 8001, 8000)]
    public void Read_InvalidSizes_ThrowsArgumentOutOfRange(int channels, int height, int width)
    {
        // Given a valid image
        using var temp = new TempFolder();
        string path = temp.File("ok.png");
        ImageFileWriter.WriteGrayscalePng(path, [1, 2, 3, 4], 2, 2);

        // When it is read with an impossible shape, then the argument is rejected
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFileReader.Read(path, channels, height, width));
    }

    [Theory]
    [InlineData("png", 30000, 30000, "PNG", "30000x30000")]
    [InlineData("jpg", 60000, 60000, "JPEG", "60000x60000")]
    [InlineData("bmp", 30000, -30000, "BMP", "30000x30000")]
    [InlineData("png", ImageFileReader.MaxImageSide + 1, 1, "PNG", "32769x1")]
    [InlineData("png", 8001, 8000, "PNG", "8001x8000")]
    public void Read_HeaderDeclaringTooManyPixels_IsRefusedBeforeDecoding(string extension, int width, int height, string format, string declared)
    {
        // Given a file of under 120 bytes whose header declares more pixels than the bounds allow (a negative BMP
        // height means top-down rows)
        using var temp = new TempFolder();
        string path = temp.File("hostile." + extension);
        byte[] bytes = extension switch
        {
            "png" => HandMadeImages.Png(width, height),
            "jpg" => HandMadeImages.Jpeg(width, height),
            _ => HandMadeImages.Bmp(width, height),
        };
        Assert.InRange(bytes.Length, 1, 120);
        File.WriteAllBytes(path, bytes);

        // When it is read, or its size is read
        var read = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 8, 8));
        var size = Assert.Throws<DataFormatException>(() => ImageFileReader.ReadSize(path));

        // Then both refuse it in one line naming the file, the bounds and the declared size
        string expected = $"{path}: expected an image of at most 32768 pixels a side and 64 megapixels (64,000,000 pixels) in all, but its {format} header declares {declared} pixels";
        Assert.StartsWith(expected, read.Message);
        Assert.StartsWith(expected, size.Message);
        Assert.Equal(path, read.FilePath);
        Assert.DoesNotContain('\n', read.Message);
    }

    [Theory]
    [InlineData(8000, 8000)]
    [InlineData(ImageFileReader.MaxImageSide, 1953)]
    [InlineData(1, ImageFileReader.MaxImageSide)]
    public void ReadSize_HeaderAtTheBounds_GivesTheSize(int width, int height)
    {
        // Given PNG headers of exactly 64 megapixels, or just under with the longest side allowed
        using var temp = new TempFolder();
        string path = temp.File("large.png");
        File.WriteAllBytes(path, HandMadeImages.Png(width, height));

        // When the size is read, then the bounds let it through
        Assert.Equal((width, height), ImageFileReader.ReadSize(path));
    }

    [Fact]
    public void Read_NamedPipe_IsRefusedWithoutOpeningIt()
    {
        // Given a named pipe called x.png, which no one writes to (opening it for reading would wait for ever)
        using var temp = new TempFolder();
        string pipe = SpecialFiles.NamedPipe(temp.File("x.png"));

        // When it is read as an image, or its size is read
        var read = SpecialFiles.ThrownWithoutBlocking(pipe, () => ImageFileReader.Read(pipe, 1, 4, 4));
        var size = SpecialFiles.ThrownWithoutBlocking(pipe, () => ImageFileReader.ReadSize(pipe));

        // Then both return at once with one line naming it
        Assert.Equal($"{pipe}: not a regular file (a named pipe, device or socket); expected an image file", Assert.IsType<DataFormatException>(read).Message);
        Assert.Equal($"{pipe}: not a regular file (a named pipe, device or socket); expected an image file", Assert.IsType<DataFormatException>(size).Message);
    }

    [Theory]
    [InlineData("device")]
    [InlineData("socket")]
    public void Read_DeviceOrSocket_IsRefusedAsNotARegularFile(string kind)
    {
        // Given a link named zero.png to /dev/zero, or a socket named s.png
        using var temp = new TempFolder();
        string path = temp.File(kind == "device" ? "zero.png" : "s.png");
        using var socket = kind == "socket" ? SpecialFiles.BoundSocket(path) : null;
        if (kind == "device")
        {
            File.CreateSymbolicLink(path, "/dev/zero");
        }

        // When it is read, then the error says it is not a regular file
        var error = Assert.Throws<DataFormatException>(() => ImageFileReader.Read(path, 1, 4, 4));
        Assert.Equal($"{path}: not a regular file (a named pipe, device or socket); expected an image file", error.Message);
    }

    [Fact]
    public void Read_LinkToAnImage_ReadsTheImage()
    {
        // Given a link to a PNG
        using var temp = new TempFolder();
        string target = temp.File("real.png");
        ImageFileWriter.WriteGrayscalePng(target, [10, 20, 30, 40], 2, 2);
        string link = temp.File("link.png");
        File.CreateSymbolicLink(link, "real.png");

        // When the link is read, then the image is
        Assert.Equal([10, 20, 30, 40], ImageFileReader.Read(link, 1, 2, 2).Pixels);
    }

    /// <summary>Writes the first half of a valid 64 x 64 greyscale PNG with varied content to <paramref name="path"/>: the header is whole, the pixel data is cut off.</summary>
    internal static string WriteTruncatedPng(string path)
    {
        ImageFileWriter.WriteGrayscalePng(path, IdxFiles.Pattern(64 * 64), 64, 64);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    private static string WriteRgbaPng(string path, int height, (byte R, byte G, byte B, byte A)[] colours)
    {
        int width = colours.Length / height;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int i = 0; i < colours.Length; i++)
        {
            var (r, g, b, a) = colours[i];
            bitmap.SetPixel(i % width, i / width, new SKColor(r, g, b, a));
        }

        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
