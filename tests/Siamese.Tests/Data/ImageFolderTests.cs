using System.Text;
using Siamese.Data;
using SkiaSharp;

namespace Siamese.Tests.Data;

public class ImageFolderTests
{
    /// <summary>A 1 x 1 white GIF (palette white/black, LZW codes clear, 0, end).</summary>
    private static readonly byte[] WhiteGif =
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    private static string Place(TempFolder temp, string relative)
    {
        string path = Path.Combine(temp.Path, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static void Png(TempFolder temp, string relative, byte value, int height = 4, int width = 6) =>
        ImageFileWriter.WriteGrayscalePng(Place(temp, relative), Enumerable.Repeat(value, height * width).ToArray(), height, width);

    private static void Netpbm(TempFolder temp, string relative, string header, byte[] data) =>
        File.WriteAllBytes(Place(temp, relative), [.. Encoding.ASCII.GetBytes(header), .. data]);

    private static void Pgm(TempFolder temp, string relative, byte value, int height = 4, int width = 6) =>
        Netpbm(temp, relative, $"P5\n{width} {height}\n255\n", Enumerable.Repeat(value, height * width).ToArray());

    private static void Ppm(TempFolder temp, string relative, (byte R, byte G, byte B) colour, int height = 4, int width = 6) =>
        Netpbm(temp, relative, $"P6\n{width} {height}\n255\n", Enumerable.Repeat(new[] { colour.R, colour.G, colour.B }, height * width).SelectMany(p => p).ToArray());

    /// <summary>A plain PBM, all black (1 is black in PBM).</summary>
    private static void BlackPbm(TempFolder temp, string relative, int height = 4, int width = 6) =>
        File.WriteAllText(Place(temp, relative), $"P1\n{width} {height}\n" + string.Join("\n", Enumerable.Repeat(string.Join(" ", Enumerable.Repeat("1", width)), height)) + "\n");

    private static void Skia(TempFolder temp, string relative, SKEncodedImageFormat format, byte value, int height = 4, int width = 6)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(value, value, value));
        using SKData data = bitmap.Encode(format, 100) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        File.WriteAllBytes(Place(temp, relative), data.ToArray());
    }

    /// <summary>An uncompressed 24-bit BMP (bottom-up rows padded to 4 bytes) of one grey value.</summary>
    private static void Bmp(TempFolder temp, string relative, byte value, int height = 4, int width = 6)
    {
        int rowBytes = ((width * 3) + 3) & ~3;
        byte[] bytes = HandMadeImages.Bmp24(width, height, rowBytes * height);
        for (int r = 0; r < height; r++)
        {
            bytes.AsSpan(54 + (r * rowBytes), width * 3).Fill(value);
        }

        File.WriteAllBytes(Place(temp, relative), bytes);
    }

    [Fact]
    public void Load_EveryFormat_NumbersClassesInOrdinalOrderAndReadsEachImage()
    {
        // Given four classes, whose ordinal order (A_cls, Z_cls, a_cls, b_cls) differs from a culture-aware one,
        // holding every supported format, each image of one grey value, and two non-image files
        using var temp = new TempFolder();
        Png(temp, "A_cls/p.png", 10);
        Pgm(temp, "A_cls/q.pgm", 20);
        Png(temp, "Z_cls/k.png", 200);
        Skia(temp, "a_cls/m.jpg", SKEncodedImageFormat.Jpeg, 120);
        Bmp(temp, "a_cls/n.bmp", 33);
        File.WriteAllText(Place(temp, "a_cls/notes.txt"), "not an image");
        Skia(temp, "b_cls/w.webp", SKEncodedImageFormat.Webp, 60);
        Ppm(temp, "b_cls/x.ppm", (90, 90, 90));
        BlackPbm(temp, "b_cls/y.pbm");
        File.WriteAllBytes(Place(temp, "b_cls/z.gif"), WhiteGif);
        File.WriteAllText(Place(temp, "readme.md"), "# data");

        // When the folder is loaded
        var folder = ImageFolder.Load(temp.Path);

        // Then classes and paths are in ordinal order, labels index the class names, and the non-image files were skipped
        Assert.Equal(["A_cls", "Z_cls", "a_cls", "b_cls"], folder.ClassNames);
        Assert.Equal(["A_cls/p.png", "A_cls/q.pgm", "Z_cls/k.png", "a_cls/m.jpg", "a_cls/n.bmp", "b_cls/w.webp", "b_cls/x.ppm", "b_cls/y.pbm", "b_cls/z.gif"], folder.Paths);
        Assert.Equal([0, 0, 1, 2, 2, 3, 3, 3, 3], folder.Images.Labels);
        Assert.Equal(2, folder.SkippedFiles);
        Assert.Equal(["Z_cls"], folder.SingleImageClasses);
        Assert.Equal(temp.Path, folder.Root);

        // And every image was read at the first image's size (4 x 6; the 1 x 1 GIF stretched), grey, with its own value
        Assert.Equal((1, 4, 6), (folder.Images.Channels, folder.Images.Height, folder.Images.Width));
        (int Low, int High)[] expected = [(10, 10), (20, 20), (200, 200), (118, 122), (33, 33), (57, 63), (90, 90), (0, 0), (255, 255)];
        for (int i = 0; i < expected.Length; i++)
        {
            var image = folder.Images.GetImage(i).ToArray();
            Assert.Equal(24, image.Length);
            Assert.All(image, p => Assert.InRange(p, expected[i].Low, expected[i].High));
        }
    }

    [Fact]
    public void Load_ClassDepthTwo_NamesClassesAlphabetSlashCharacter()
    {
        // Given an Omniglot-like tree root/alphabet/character/*.png
        using var temp = new TempFolder();
        Png(temp, "Greek/alpha/1.png", 1);
        Png(temp, "Greek/beta/1.png", 2);
        Png(temp, "Greek/beta/2.png", 3);
        Pgm(temp, "Latin/a/x.pgm", 4);

        // When loaded with the class level at depth 2
        var folder = ImageFolder.Load(temp.Path, new ImageFolderOptions { ClassDepth = 2 });

        // Then each character is a class named alphabet/character
        Assert.Equal(["Greek/alpha", "Greek/beta", "Latin/a"], folder.ClassNames);
        Assert.Equal([0, 1, 1, 2], folder.Images.Labels);
        Assert.Equal(["Greek/alpha", "Latin/a"], folder.SingleImageClasses);
        Assert.Equal("Greek/beta/2.png", folder.Paths[2]);
    }

    [Fact]
    public void Load_NestedSubFoldersInsideAClass_BelongToThatClass()
    {
        // Given the same tree read at depth 1: the alphabets are the classes and the characters their sub-folders
        using var temp = new TempFolder();
        Png(temp, "Greek/alpha/1.png", 1);
        Png(temp, "Greek/beta/deeper/2.png", 2);
        Png(temp, "Greek/3.png", 3);
        Pgm(temp, "Latin/a/x.pgm", 4);

        // When loaded
        var folder = ImageFolder.Load(temp.Path);

        // Then every image below a class folder counts for it
        Assert.Equal(["Greek", "Latin"], folder.ClassNames);
        Assert.Equal(["Greek/3.png", "Greek/alpha/1.png", "Greek/beta/deeper/2.png", "Latin/a/x.pgm"], folder.Paths);
        Assert.Equal([0, 0, 0, 1], folder.Images.Labels);
        Assert.Equal([3, 1, 2, 4], Enumerable.Range(0, 4).Select(i => (int)folder.Images.GetImage(i)[0]));
    }

    [Fact]
    public void Load_HiddenFilesAndFolders_AreNotRead()
    {
        // Given hidden entries at the root, in a class and below it, next to one visible image
        using var temp = new TempFolder();
        Png(temp, "cat/a.png", 50);
        Png(temp, "cat/.hidden.png", 60);
        Png(temp, "cat/.thumbs/t.png", 70);
        Png(temp, ".cache/x.png", 80);
        File.WriteAllText(Place(temp, ".git/config"), "[core]");
        File.WriteAllText(Place(temp, ".DS_Store"), "junk");
        Png(temp, ".stray.png", 90);

        // When loaded
        var folder = ImageFolder.Load(temp.Path);

        // Then only the visible image is read, and no hidden folder became a class or raised an error
        Assert.Equal(["cat"], folder.ClassNames);
        Assert.Equal(["cat/a.png"], folder.Paths);
        Assert.Equal(50, folder.Images.GetImage(0)[0]);
    }

    [Theory]
    [InlineData(1, "stray.png")]
    [InlineData(2, "Greek/stray.pgm")]
    public void Load_ImageOutsideAnyClassFolder_ThrowsNamingIt(int depth, string stray)
    {
        // Given a proper class folder and an image above the class level
        using var temp = new TempFolder();
        Png(temp, "Greek/alpha/a.png", 1);
        Pgm(temp, stray, 2);

        // When loaded
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions { ClassDepth = depth }));

        // Then the error names the stray image
        Assert.Equal(Place(temp, stray), ex.FilePath);
        Assert.Contains("outside any class folder", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_ClassFolderWithoutImages_ThrowsNamingIt(bool withTextFile)
    {
        using var temp = new TempFolder();
        Png(temp, "cat/a.png", 1);
        Directory.CreateDirectory(Path.Combine(temp.Path, "dog"));
        if (withTextFile)
        {
            File.WriteAllText(Place(temp, "dog/notes.txt"), "no pictures yet");
        }

        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        Assert.Equal(Path.Combine(temp.Path, "dog"), ex.FilePath);
        Assert.Contains("holds no images", ex.Message);
    }

    [Fact]
    public void Load_MissingRootFileOrNoClassFolders_Throws()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Place(temp, "file.txt"), "x");

        var missing = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.File("nope")));
        var file = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.File("file.txt")));
        var empty = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        Assert.Contains("folder not found", missing.Message);
        Assert.Contains("found a file", file.Message);
        Assert.Contains("no class folders", empty.Message);
    }

    [Theory]
    [InlineData("b/bad.png")]
    [InlineData("a/0-first.jpg")]
    public void Load_CorruptImage_ThrowsNamingThatFile(string corrupt)
    {
        // Given good images and one file with an image extension but no image inside (first or later in order)
        using var temp = new TempFolder();
        Png(temp, "a/1.png", 1);
        Png(temp, "b/2.png", 2);
        Png(temp, "c/3.png", 3);
        File.WriteAllBytes(Place(temp, corrupt), Encoding.ASCII.GetBytes("this is not an image at all"));

        // When loaded
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        // Then the error names the corrupt file
        Assert.Equal(Place(temp, corrupt), ex.FilePath);
    }

    [Fact]
    public void Load_FirstImageTruncated_ThrowsNamingIt()
    {
        // Given a first image (in path order) whose header is whole but whose pixel data is cut off, and a good second one
        using var temp = new TempFolder();
        string first = ImageFileReaderTests.WriteTruncatedPng(Place(temp, "a/half.png"));
        Png(temp, "b/good.png", 5, height: 64, width: 64);

        // When loaded without sizes (so they come from the first image)
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        // Then the error names the truncated file and its undecodable data
        Assert.Equal(first, ex.FilePath);
        Assert.StartsWith($"{first}: not a readable image", ex.Message);
    }

    [Fact]
    public void Load_Sizes_ComeFromTheFirstImageOrTheOptions()
    {
        // Given a 4 x 6 image first and an 8 x 12 image second, each of one grey value
        using var temp = new TempFolder();
        Png(temp, "a/small.png", 77, height: 4, width: 6);
        Pgm(temp, "b/large.pgm", 150, height: 8, width: 12);

        // When loaded without sizes, with both sizes, and with only the height
        var natural = ImageFolder.Load(temp.Path);
        var explicitSize = ImageFolder.Load(temp.Path, new ImageFolderOptions { Height = 3, Width = 5 });
        var heightOnly = ImageFolder.Load(temp.Path, new ImageFolderOptions { Height = 2 });

        // Then every image has the first image's size, or the size asked for, and keeps its value when resized
        Assert.Equal((4, 6), (natural.Images.Height, natural.Images.Width));
        Assert.Equal((3, 5), (explicitSize.Images.Height, explicitSize.Images.Width));
        Assert.Equal((2, 6), (heightOnly.Images.Height, heightOnly.Images.Width));
        foreach (var folder in new[] { natural, explicitSize, heightOnly })
        {
            Assert.All(folder.Images.GetImage(0).ToArray(), p => Assert.Equal(77, p));
            Assert.All(folder.Images.GetImage(1).ToArray(), p => Assert.Equal(150, p));
        }
    }

    [Fact]
    public void Load_ColourImageAsRgbOrGrey_GivesPlanesOrLuminance()
    {
        // Given a 2 x 2 image of colour (200, 100, 50) in two classes
        using var temp = new TempFolder();
        Ppm(temp, "c/x.ppm", (200, 100, 50), height: 2, width: 2);
        Ppm(temp, "d/y.ppm", (0, 255, 0), height: 2, width: 2);

        // When loaded with 3 channels and with 1
        var rgb = ImageFolder.Load(temp.Path, new ImageFolderOptions { Channels = 3 });
        var grey = ImageFolder.Load(temp.Path);

        // Then RGB gives the three planes and grey round(0.299 R + 0.587 G + 0.114 B)
        Assert.Equal(3, rgb.Images.Channels);
        Assert.Equal([200, 200, 200, 200, 100, 100, 100, 100, 50, 50, 50, 50], rgb.Images.GetImage(0).ToArray());
        Assert.Equal(1, grey.Images.Channels);
        Assert.Equal([124, 124, 124, 124], grey.Images.GetImage(0).ToArray());
        Assert.Equal([150, 150, 150, 150], grey.Images.GetImage(1).ToArray());
    }

    [Theory]
    [InlineData("a.PNG", true)]
    [InlineData("a.JpEg", true)]
    [InlineData("a.pnm", true)]
    [InlineData("a.webp", true)]
    [InlineData("a.tif", false)]
    [InlineData("a.txt", false)]
    [InlineData("png", false)]
    public void IsImageFile_Extension_IsCaseInsensitive(string name, bool expected)
    {
        Assert.Equal(expected, ImageFolder.IsImageFile(name));
    }

    [Fact]
    public void Load_ClassDepthZero_Throws()
    {
        using var temp = new TempFolder();
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions { ClassDepth = 0 }));
    }

    [Theory]
    [InlineData(1, "c0/back", "..")]
    [InlineData(1, "c0/sub/up", "..")]
    [InlineData(2, "Greek/up", "..")]
    public void Load_LinkBackUpTheTree_IsRefusedNamingTheLink(int depth, string link, string target)
    {
        // Given two classes of images (at depth 1, or alphabet/character at depth 2) and a folder link to a folder that
        // holds it: followed, it would read the tree again and again, other classes' images under this class
        using var temp = new TempFolder();
        Png(temp, "c0/a.png", 10);
        Png(temp, "c0/sub/b.png", 11);
        Png(temp, "c1/c.png", 20);
        Png(temp, "Greek/alpha/d.png", 30);
        string path = Place(temp, link);
        Directory.CreateSymbolicLink(path, target);

        // When the folder is loaded
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions { ClassDepth = depth }));

        // Then the error names the link and says it loops
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("link back to", ex.Message);
        Assert.Contains("a folder that holds it", ex.Message);
    }

    [Theory]
    [InlineData("c0/other", "../c1", true, "link to c1 inside the data folder: its images would be labelled c0")]
    [InlineData("c0/again", "sub", true, "link to c0/sub inside the data folder: its images would be read twice")]
    [InlineData("alias", "c0", true, "link to c0 inside the data folder: the images there are read in their own place")]
    [InlineData("c0/x.png", "../c1/c.png", false, "link to c1/c.png, outside its class folder c0: that image would be labelled c0")]
    public void Load_LinkIntoTheDataFolder_IsRefusedRatherThanRelabellingImages(string link, string target, bool folder, string expected)
    {
        // Given classes c0 (with a sub-folder) and c1, and a link leading to images the tree already holds elsewhere
        using var temp = new TempFolder();
        Png(temp, "c0/a.png", 10);
        Png(temp, "c0/sub/b.png", 11);
        Png(temp, "c1/c.png", 20);
        Png(temp, "c1/d.png", 21);
        string path = Place(temp, link);
        if (folder)
        {
            Directory.CreateSymbolicLink(path, target);
        }
        else
        {
            File.CreateSymbolicLink(path, target);
        }

        // When the folder is loaded
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        // Then one line names the link, where it leads and why that is refused
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith($"{path}: {expected}", ex.Message);
    }

    [Fact]
    public void Load_TwoLinksToOneOutsideFolder_IsRefusedNamingTheSecond()
    {
        // Given two classes that both link to one folder outside the data folder (its images would get both labels)
        using var store = new TempFolder();
        Png(store, "shared/s.png", 5);
        using var temp = new TempFolder();
        Png(temp, "c0/a.png", 10);
        Png(temp, "c1/b.png", 20);
        Directory.CreateSymbolicLink(Place(temp, "c0/ext"), Path.Combine(store.Path, "shared"));
        Directory.CreateSymbolicLink(Place(temp, "c1/ext"), Path.Combine(store.Path, "shared"));

        // When the folder is loaded
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        // Then the second path to it is named, with the first
        Assert.Equal(Place(temp, "c1/ext"), ex.FilePath);
        Assert.Contains("already read as c0/ext", ex.Message);
    }

    [Fact]
    public void Load_LinkLoopOutsideTheDataFolder_IsRefused()
    {
        // Given a class linking to an outside folder that holds a link to itself
        using var store = new TempFolder();
        Png(store, "a/s.png", 5);
        Directory.CreateSymbolicLink(Place(store, "a/loop"), ".");
        using var temp = new TempFolder();
        Png(temp, "c0/a.png", 10);
        Png(temp, "c1/b.png", 20);
        Directory.CreateSymbolicLink(Place(temp, "c0/ext"), Path.Combine(store.Path, "a"));

        // When the folder is loaded
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path));

        // Then the looping link, as reached from the data folder, is named
        Assert.Equal(Place(temp, "c0/ext/loop"), ex.FilePath);
        Assert.Contains("link back to", ex.Message);
    }

    [Fact]
    public void Load_LinksOutsideTheTreeWithinTheClassOrIntoHiddenFolders_AreFollowed()
    {
        // Given a class folder that is a link to an outside folder, and a class holding a link to an outside folder,
        // a link to an outside image, a link to an image in a hidden folder of the data folder, and a link to an image
        // of its own class
        using var store = new TempFolder();
        Png(store, "person0/1.png", 10);
        Png(store, "person0/2.png", 11);
        Png(store, "shared/3.png", 20);
        Png(store, "single.png", 21);
        using var temp = new TempFolder();
        Png(temp, ".pool/pooled.png", 22);
        Png(temp, "p1/own.png", 23);
        Directory.CreateSymbolicLink(Place(temp, "p0"), Path.Combine(store.Path, "person0"));
        Directory.CreateSymbolicLink(Place(temp, "p1/more"), Path.Combine(store.Path, "shared"));
        File.CreateSymbolicLink(Place(temp, "p1/one.png"), Path.Combine(store.Path, "single.png"));
        File.CreateSymbolicLink(Place(temp, "p1/pooled.png"), "../.pool/pooled.png");
        File.CreateSymbolicLink(Place(temp, "p1/same.png"), "own.png");

        // When the folder is loaded
        var folder = ImageFolder.Load(temp.Path);

        // Then every linked image is read once, under the class whose folder holds the link
        Assert.Equal(["p0", "p1"], folder.ClassNames);
        Assert.Equal(["p0/1.png", "p0/2.png", "p1/more/3.png", "p1/one.png", "p1/own.png", "p1/pooled.png", "p1/same.png"], folder.Paths);
        Assert.Equal([0, 0, 1, 1, 1, 1, 1], folder.Images.Labels);
        Assert.Equal([10, 11, 20, 21, 23, 22, 23], Enumerable.Range(0, 7).Select(i => (int)folder.Images.GetImage(i)[0]));
    }

    [Fact]
    public void Load_NamedPipeInAClassFolder_IsRefusedWithoutBlocking()
    {
        // Given a class folder holding an image and a named pipe called x.png that no one writes to
        using var temp = new TempFolder();
        Png(temp, "c0/a.png", 10);
        Png(temp, "c1/b.png", 20);
        string pipe = SpecialFiles.NamedPipe(Place(temp, "c1/x.png"));

        // When the folder is loaded
        var ex = SpecialFiles.ThrownWithoutBlocking(pipe, () => ImageFolder.Load(temp.Path));

        // Then it returns at once with one line naming the pipe
        var error = Assert.IsType<DataFormatException>(ex);
        Assert.Equal($"{pipe}: not a regular file (a named pipe, device or socket); expected an image file", error.Message);
    }

    [Fact]
    public void Load_DefaultMemoryBudget_RefusesAHugeImageSizeBeforeDecoding()
    {
        // Given twelve small images in two classes, asked for at 3 x 8000 x 8000 (8.6 GiB as float32 values)
        using var temp = new TempFolder();
        for (int i = 0; i < 12; i++)
        {
            Png(temp, $"c{i % 2}/{i}.png", (byte)i);
        }

        // When the folder is loaded with the default budget (8 GiB)
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions { Channels = 3, Height = 8000, Width = 8000 }));

        // Then the error names the folder and the size it would need
        Assert.Equal(temp.Path, ex.FilePath);
        Assert.Equal(
            $"{temp.Path}: 12 images of 3x8000x8000 would need 8.6 GiB as float32 values (12 x 3 x 8000 x 8000 x 4 bytes), more than the memory budget of 8 GiB; expected fewer images or a smaller image size",
            ex.Message);
    }

    [Fact]
    public void Load_MemoryBudget_IsTheLimitOfTheFloatSize()
    {
        // Given three 4 x 6 grey images: 3 x 1 x 4 x 6 x 4 = 288 bytes as float32 values
        using var temp = new TempFolder();
        Png(temp, "a/1.png", 1);
        Png(temp, "a/2.png", 2);
        Png(temp, "b/3.png", 3);

        // When loaded with a budget of 288 bytes and of one byte less
        var fits = ImageFolder.Load(temp.Path, new ImageFolderOptions { MemoryBudget = 288 });
        var ex = Assert.Throws<DataFormatException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions { MemoryBudget = 287 }));

        // Then the first is read and the second refused with both sizes
        Assert.Equal(3, fits.Images.Count);
        Assert.Contains("would need 288 bytes as float32 values", ex.Message);
        Assert.Contains("more than the memory budget of 287 bytes", ex.Message);
    }
}
