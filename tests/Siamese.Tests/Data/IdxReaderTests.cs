using Siamese.Data;

namespace Siamese.Tests.Data;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_ValidFile_ReturnsSizesAndPixelsInFileOrder(bool gzipped)
    {
        // Given 3 images of 2 rows x 4 columns, every byte different from its neighbours
        using var temp = new TempFolder();
        byte[] pixels = IdxFiles.Pattern(3 * 2 * 4);
        string path = IdxFiles.WriteImages(temp.File("images.idx"), 3, 2, 4, pixels, gzipped);

        // When the file is read
        IdxImages images = IdxReader.ReadImages(path);

        // Then the header sizes and every pixel come back in order
        Assert.Equal(3, images.Count);
        Assert.Equal(2, images.Height);
        Assert.Equal(4, images.Width);
        Assert.Equal(pixels, images.Pixels);
    }

    [Fact]
    public void ReadImages_RawFileNamedGz_IsReadAsRawBecauseGzipIsDetectedByContent()
    {
        // Given an uncompressed file whose name says .gz
        using var temp = new TempFolder();
        byte[] pixels = IdxFiles.Pattern(2 * 3 * 3);
        string path = IdxFiles.WriteImages(temp.File("images-idx3-ubyte.gz"), 2, 3, 3, pixels, gzipped: false);

        // When it is read
        IdxImages images = IdxReader.ReadImages(path);

        // Then the content is used as it is
        Assert.Equal(pixels, images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_ValidFile_ReturnsEveryLabel(bool gzipped)
    {
        // Given five labels
        using var temp = new TempFolder();
        byte[] labels = [9, 0, 3, 255, 1];
        string path = IdxFiles.WriteLabels(temp.File("labels"), labels, gzipped);

        // When the file is read
        byte[] read = IdxReader.ReadLabels(path);

        // Then the labels come back in order
        Assert.Equal(labels, read);
    }

    [Fact]
    public void ReadImages_WrongMagic_NamesFileExpectedAndFoundMagic()
    {
        // Given a 3-dimensional file of floats (type 0x0D) instead of unsigned bytes
        using var temp = new TempFolder();
        string path = IdxFiles.Write(temp.File("floats.idx"), IdxFiles.Build(0x00000D03, [1, 1, 1], [0, 0, 0, 0]), gzipped: false);

        // When it is read as images
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message names the file, the expected magic and the one found
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith($"{path}: expected IDX magic 0x00000803 (unsigned byte, 3 dimensions", error.Message);
        Assert.Contains("found 0x00000D03 (32-bit float, 3 dimensions)", error.Message);
    }

    [Fact]
    public void ReadImages_LabelsFile_SaysALabelsFileWasFound()
    {
        // Given a labels file
        using var temp = new TempFolder();
        string path = IdxFiles.WriteLabels(temp.File("train-labels-idx1-ubyte.gz"), [1, 2, 3], gzipped: true);

        // When it is read as images
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message says what was expected and that this looks like a labels file
        Assert.Equal(
            $"{path}: expected IDX magic 0x00000803 (unsigned byte, 3 dimensions: an images file), found 0x00000801 (unsigned byte, 1 dimension: a labels file)",
            error.Message);
    }

    [Fact]
    public void ReadLabels_ImagesFile_SaysAnImagesFileWasFound()
    {
        // Given an images file
        using var temp = new TempFolder();
        string path = IdxFiles.WriteImages(temp.File("images"), 1, 2, 2, [1, 2, 3, 4]);

        // When it is read as labels
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        // Then the message names both magics
        Assert.Equal(
            $"{path}: expected IDX magic 0x00000801 (unsigned byte, 1 dimension: a labels file), found 0x00000803 (unsigned byte, 3 dimensions: an images file)",
            error.Message);
    }

    [Fact]
    public void ReadImages_NotAnIdxFile_SaysSo()
    {
        // Given a text file
        using var temp = new TempFolder();
        string path = temp.File("notes.txt");
        File.WriteAllText(path, "hello world, this is not IDX");

        // When it is read as images
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message says the file is not IDX
        Assert.StartsWith($"{path}: expected IDX magic 0x00000803", error.Message);
        Assert.Contains("found 0x68656C6C (not an IDX file", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_TruncatedData_ReportsExpectedAndFoundBytes(bool gzipped)
    {
        // Given a header announcing 3 x 2 x 4 = 24 pixels but only 20 of them
        using var temp = new TempFolder();
        string path = IdxFiles.Write(temp.File("short"), IdxFiles.Build(0x00000803, [3, 2, 4], IdxFiles.Pattern(20)), gzipped);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message gives both byte counts and says the file is truncated
        Assert.StartsWith($"{path}: expected 24 bytes of pixel data (3 images x 2 rows x 4 columns) after the 16-byte header, found 20", error.Message);
        Assert.EndsWith("the file is truncated", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_TrailingBytes_ReportsHowManyExtraBytes(bool gzipped)
    {
        // Given a header announcing 4 labels followed by 7 bytes
        using var temp = new TempFolder();
        string path = IdxFiles.Write(temp.File("long"), IdxFiles.Build(0x00000801, [4], [1, 2, 3, 4, 5, 6, 7]), gzipped);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        // Then the message gives the expected and found sizes and the number of extra bytes
        Assert.StartsWith($"{path}: expected 4 bytes of labels (4 labels) after the 8-byte header, found 7", error.Message);
        Assert.EndsWith("3 unexpected trailing bytes", error.Message);
    }

    [Theory]
    [InlineData(0, "dimension 1 (image count)")]
    [InlineData(1, "dimension 2 (rows)")]
    [InlineData(2, "dimension 3 (columns)")]
    public void ReadImages_ZeroDimension_NamesTheDimension(int zeroAt, string dimension)
    {
        // Given a header with one size of 0
        using var temp = new TempFolder();
        int[] sizes = [2, 2, 2];
        sizes[zeroAt] = 0;
        string path = IdxFiles.Write(temp.File("zero"), IdxFiles.Build(0x00000803, sizes, []), gzipped: false);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message names the dimension and the value found
        Assert.Equal($"{path}: expected {dimension} to be between 1 and 2147483647, found 0", error.Message);
    }

    [Fact]
    public void ReadImages_HugeSizesInHeader_ReportsTheLimitInsteadOfAllocating()
    {
        // Given a header announcing 60000 x 60000 x 60000 bytes
        using var temp = new TempFolder();
        string path = IdxFiles.Write(temp.File("huge"), IdxFiles.Build(0x00000803, [60000, 60000, 60000], [1]), gzipped: false);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message gives the announced size
        Assert.Contains("the header announces 216000000000000 bytes", error.Message);
    }

    [Fact]
    public void ReadImages_LargeHeaderButLittleData_ReportsTruncation()
    {
        // Given a header announcing 100 x 1000 x 1000 bytes (more than the first buffer) followed by 10 bytes
        using var temp = new TempFolder();
        string path = IdxFiles.Write(temp.File("big"), IdxFiles.Build(0x00000803, [100, 1000, 1000], IdxFiles.Pattern(10)), gzipped: true);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the truncation is reported with both sizes
        Assert.Contains("expected 100000000 bytes of pixel data", error.Message);
        Assert.Contains("found 10 (after decompression): the file is truncated", error.Message);
    }

    [Fact]
    public void ReadImages_GzippedDataLargerThanTheFirstBuffer_IsReadCompletely()
    {
        // Given 100 x 700 x 1000 = 70,000,000 gzipped bytes (more than the reader's 64 MiB first buffer), zero but
        // for markers on both sides of the buffer's end and at the very end
        using var temp = new TempFolder();
        const int length = 100 * 700 * 1000;
        const int boundary = 64 * 1024 * 1024;
        var pixels = new byte[length];
        pixels[boundary - 1] = 11;
        pixels[boundary] = 22;
        pixels[length - 1] = 33;
        string path = IdxFiles.WriteImages(temp.File("large.gz"), 100, 700, 1000, pixels, gzipped: true);

        // When it is read
        IdxImages images = IdxReader.ReadImages(path);

        // Then every byte is in place
        Assert.Equal(length, images.Pixels.Length);
        Assert.Equal((11, 22, 33), (images.Pixels[boundary - 1], images.Pixels[boundary], images.Pixels[length - 1]));
        Assert.Equal(66, images.Pixels.Sum(p => p));
    }

    [Fact]
    public void ReadImages_EmptyFile_SaysTheFileIsEmpty()
    {
        // Given an empty file
        using var temp = new TempFolder();
        string path = temp.File("empty.gz");
        File.WriteAllBytes(path, []);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message says what was expected and that the file is empty
        Assert.Equal($"{path}: expected IDX magic 0x00000803 (unsigned byte, 3 dimensions: an images file), found an empty file", error.Message);
    }

    [Fact]
    public void ReadImages_TruncatedHeader_ReportsHeaderLength()
    {
        // Given the magic and only one of the three sizes
        using var temp = new TempFolder();
        string path = IdxFiles.Write(temp.File("header"), IdxFiles.Build(0x00000803, [5], []), gzipped: false);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message gives the expected and found header lengths
        Assert.Equal($"{path}: expected a 16-byte header (magic and 3 dimension sizes), found only 8 bytes", error.Message);
    }

    [Fact]
    public void ReadImages_CorruptGzip_ReportsDecompressionFailure()
    {
        // Given the gzip signature followed by garbage
        using var temp = new TempFolder();
        string path = temp.File("corrupt.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0x12, 0x34]);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        // Then the message says decompression failed
        Assert.StartsWith($"{path}: expected valid gzip data", error.Message);
    }

    [Fact]
    public void ReadLabels_MissingFile_SaysFileNotFound()
    {
        // Given a path where there is no file
        using var temp = new TempFolder();
        string path = temp.File("absent-labels-idx1-ubyte.gz");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        // Then the message names it and says it is missing
        Assert.Equal($"{path}: file not found", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void ReadImages_Folder_SaysAFileWasExpected()
    {
        // Given a folder
        using var temp = new TempFolder();

        // When it is read as a file
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(temp.Path));

        // Then the message says a file was expected
        Assert.Equal($"{temp.Path}: expected a file, found a folder", error.Message);
    }

    [Fact]
    public void ReadImages_NamedPipe_IsRefusedWithoutBlocking()
    {
        // Given a named pipe in place of an images file, which no one writes to
        using var temp = new TempFolder();
        string pipe = SpecialFiles.NamedPipe(temp.File("train-images-idx3-ubyte"));

        // When it is read, then it returns at once with one line naming it
        var ex = SpecialFiles.ThrownWithoutBlocking(pipe, () => IdxReader.ReadImages(pipe));
        Assert.Equal($"{pipe}: not a regular file (a named pipe, device or socket); expected a file", Assert.IsType<DataFormatException>(ex).Message);
    }
}
