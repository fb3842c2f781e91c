using Siamese.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Data;

public class LabeledImageSetTests
{
    [Fact]
    public void Load_MatchingIdxFiles_ReturnsOneChannelImagesAndLabels()
    {
        // Given 3 images of 2 x 2 and their 3 labels, one file gzipped and one raw
        using var temp = new TempFolder();
        byte[] pixels = IdxFiles.Pattern(12);
        string images = IdxFiles.WriteImages(temp.File("images.gz"), 3, 2, 2, pixels, gzipped: true);
        string labels = IdxFiles.WriteLabels(temp.File("labels"), [7, 2, 7]);

        // When they are loaded
        LabeledImageSet set = LabeledImageSet.Load(images, labels);

        // Then the set has their sizes, pixels, labels and classes
        Assert.Equal((3, 1, 2, 2, 4), (set.Count, set.Channels, set.Height, set.Width, set.ValuesPerImage));
        Assert.Equal(pixels, set.Pixels.ToArray());
        Assert.Equal([7, 2, 7], set.Labels);
        Assert.Equal([2, 7], set.Classes);
        Assert.Equal(2, set.ClassCount);
        Assert.Equal(pixels[4..8], set.GetImage(1).ToArray());
    }

    [Fact]
    public void Load_CountMismatch_NamesBothFilesAndCounts()
    {
        // Given 3 images and 2 labels
        using var temp = new TempFolder();
        string images = IdxFiles.WriteImages(temp.File("images"), 3, 2, 2, IdxFiles.Pattern(12));
        string labels = IdxFiles.WriteLabels(temp.File("labels"), [1, 2]);

        // When they are loaded together
        var error = Assert.Throws<DataFormatException>(() => LabeledImageSet.Load(images, labels));

        // Then the message names both files and both counts
        Assert.Equal($"{labels}: expected 3 labels, one per image in {images}, found 2", error.Message);
        Assert.Equal(labels, error.FilePath);
    }

    [Fact]
    public void Load_MissingLabelsFile_NamesIt()
    {
        // Given images but no labels file
        using var temp = new TempFolder();
        string images = IdxFiles.WriteImages(temp.File("images"), 1, 1, 1, [5]);
        string labels = temp.File("labels");

        // When they are loaded, then the missing file is reported
        var error = Assert.Throws<DataFormatException>(() => LabeledImageSet.Load(images, labels));
        Assert.Equal($"{labels}: file not found", error.Message);
    }

    [Fact]
    public void Constructor_PixelCountNotMatchingLabels_Throws()
    {
        // Given 2 labels and pixels for 1.5 images of 2 x 2
        byte[] pixels = new byte[6];

        // When a set is made, then the mismatch is reported
        var error = Assert.Throws<ArgumentException>(() => new LabeledImageSet(pixels, [0, 1], 1, 2, 2));
        Assert.Contains("expected 2 images x 1 x 2 x 2 = 8 pixel values, found 6", error.Message);
    }

    [Fact]
    public void Constructor_LabelBelowUnlabeled_Throws()
    {
        // Given a label of -2, when a set is made, then it is rejected
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledImageSet(new byte[2], [0, -2], 1, 1, 1));
    }

    [Fact]
    public void Constructor_Arrays_AreCopied()
    {
        // Given arrays that are changed after the set is made
        byte[] pixels = [1, 2];
        int[] labels = [3, 4];
        var set = new LabeledImageSet(pixels, labels, 1, 1, 1);

        // When the caller changes them
        pixels[0] = 99;
        labels[0] = 99;

        // Then the set still holds the original values
        Assert.Equal(1, set.Pixels.Span[0]);
        Assert.Equal(3, set.Labels[0]);
    }

    [Fact]
    public void Classes_UnlabeledImages_AreNotAClass()
    {
        // Given labels 5, -1, 0, 5
        var set = new LabeledImageSet(new byte[4], [5, LabeledImageSet.Unlabeled, 0, 5], 1, 1, 1);

        // When the classes are listed, then they are 0 and 5
        Assert.Equal([0, 5], set.Classes);
    }

    [Fact]
    public void Subset_IndicesWithRepeats_CopiesImagesAndLabelsInThatOrder()
    {
        // Given 4 images of 1 x 2 whose pixels encode their index
        var set = new LabeledImageSet([0, 1, 10, 11, 20, 21, 30, 31], [100, 101, 102, 103], 1, 1, 2);

        // When images 3, 0 and 3 are taken
        LabeledImageSet subset = set.Subset([3, 0, 3]);

        // Then they come in that order, with their labels
        Assert.Equal([30, 31, 0, 1, 30, 31], subset.Pixels.ToArray());
        Assert.Equal([103, 100, 103], subset.Labels);
        Assert.Equal((1, 1, 2), (subset.Channels, subset.Height, subset.Width));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Subset_IndexOutOfRange_Throws(int index)
    {
        // Given 4 images
        var set = new LabeledImageSet(new byte[4], [0, 1, 2, 3], 1, 1, 1);

        // When an index outside [0, 4) is asked for, then it is rejected
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Subset([0, index]));
    }

    [Fact]
    public void OfClasses_SomeClasses_KeepsTheirImagesInOrder()
    {
        // Given images of classes 7, 3, 7, 5
        var set = new LabeledImageSet([10, 20, 30, 40], [7, 3, 7, 5], 1, 1, 1);

        // When classes 7 and 5 are kept
        var kept = set.OfClasses([7, 5]);

        // Then their images stay, in the set's order
        Assert.Equal([7, 7, 5], kept.Labels);
        Assert.Equal(new byte[] { 10, 30, 40 }, kept.Pixels.ToArray());
    }

    [Fact]
    public void OfClasses_EveryClass_IsTheSetItself()
    {
        var set = new LabeledImageSet([10, 20], [1, 2], 1, 1, 1);
        Assert.Same(set, set.OfClasses([2, 1, 9]));
    }

    [Fact]
    public void OfClasses_NoImageOfTheClasses_NamesThem()
    {
        var set = new LabeledImageSet([10, 20], [1, 2], 1, 1, 1);
        var error = Assert.Throws<ArgumentException>(() => set.OfClasses([4, 6]));
        Assert.Contains("(4, 6)", error.Message);
    }

    [Fact]
    public void Take_FewerThanCount_ReturnsTheFirstImages()
    {
        // Given 4 images
        var set = new LabeledImageSet([10, 20, 30, 40], [0, 1, 2, 3], 1, 1, 1);

        // When 2 are taken, then they are the first two
        LabeledImageSet first = set.Take(2);
        Assert.Equal([10, 20], first.Pixels.ToArray());
        Assert.Equal([0, 1], first.Labels);
    }

    [Fact]
    public void Take_MoreThanCount_ReturnsAllImages()
    {
        // Given 4 images, when 10 are taken, then all 4 come back
        var set = new LabeledImageSet([10, 20, 30, 40], [0, 1, 2, 3], 1, 1, 1);
        Assert.Equal(4, set.Take(10).Count);
    }

    [Fact]
    public void StratifiedSplit_ThreeClasses_SplitsEachClassInProportion()
    {
        // Given classes of 10, 20 and 30 images whose pixel is their index
        LabeledImageSet set = IndexedSet([(0, 10), (1, 20), (2, 30)]);

        // When 30 % goes to the first part
        var (first, second) = set.StratifiedSplit(0.3, seed: 42);

        // Then each class gives 3, 6 and 9 images to the first part and the rest to the second
        Assert.Equal([3, 6, 9], CountsPerClass(first, 3));
        Assert.Equal([7, 14, 21], CountsPerClass(second, 3));

        // And every image is in exactly one part, with its own label
        int[] all = [.. first.Pixels.ToArray().Select(p => (int)p), .. second.Pixels.ToArray().Select(p => (int)p)];
        Assert.Equal(Enumerable.Range(0, 60), all.Order());
        Assert.All(Enumerable.Range(0, first.Count), i => Assert.Equal(set.Labels[first.Pixels.Span[i]], first.Labels[i]));
        Assert.All(Enumerable.Range(0, second.Count), i => Assert.Equal(set.Labels[second.Pixels.Span[i]], second.Labels[i]));
    }

    [Fact]
    public void StratifiedSplit_SameSeed_GivesTheSameSplitAndDifferentSeedAnotherOne()
    {
        // Given 2 classes of 50 images whose pixel is their index
        LabeledImageSet set = IndexedSet([(0, 50), (1, 50)]);

        // When it is split twice with seed 7 and once with seed 8
        var a = set.StratifiedSplit(0.5, seed: 7);
        var b = set.StratifiedSplit(0.5, seed: 7);
        var c = set.StratifiedSplit(0.5, seed: 8);

        // Then the seed decides the split
        Assert.Equal(a.First.Pixels.ToArray(), b.First.Pixels.ToArray());
        Assert.Equal(a.Second.Pixels.ToArray(), b.Second.Pixels.ToArray());
        Assert.NotEqual(a.First.Pixels.ToArray(), c.First.Pixels.ToArray());
    }

    [Fact]
    public void StratifiedSplit_AnySeed_KeepsOriginalOrderInBothParts()
    {
        // Given classes interleaved over 40 images whose pixel is their index
        var labels = Enumerable.Range(0, 40).Select(i => i % 4).ToArray();
        var set = new LabeledImageSet(Enumerable.Range(0, 40).Select(i => (byte)i).ToArray(), labels, 1, 1, 1);

        // When it is split
        var (first, second) = set.StratifiedSplit(0.25, seed: 3);

        // Then both parts are in ascending original order, and the split is not simply the first images
        Assert.Equal(first.Pixels.ToArray().Order(), first.Pixels.ToArray());
        Assert.Equal(second.Pixels.ToArray().Order(), second.Pixels.ToArray());
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (byte)i), first.Pixels.ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void StratifiedSplit_FractionOutsideZeroToOne_Throws(double fraction)
    {
        // Given a set, when it is split with an impossible fraction, then the fraction is rejected
        LabeledImageSet set = IndexedSet([(0, 4)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.StratifiedSplit(fraction, 1));
    }

    [Fact]
    public void ToTensor_SelectedIndices_HasShapeNchwAndNormalisedValues()
    {
        // Given 3 images of 1 x 2 x 2
        var set = new LabeledImageSet([0, 51, 255, 102, 1, 2, 3, 4, 255, 0, 0, 51], [0, 1, 2], 1, 2, 2);
        var normalization = new InputNormalization(0.5, 0.25);
        using var scope = NewDisposeScope();

        // When images 2 and 0 are turned into a tensor with mean 0.5 and std 0.25
        Tensor batch = set.ToTensor([2, 0], normalization);

        // Then it is (2, 1, 2, 2) float32 with (p / 255 - 0.5) / 0.25 in image order
        Assert.Equal([2L, 1, 2, 2], batch.shape);
        Assert.Equal(ScalarType.Float32, batch.dtype);
        float[] expected = [2f, -2f, -2f, -1.2f, -2f, -1.2f, 2f, -0.4f];
        float[] actual = batch.data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void ToTensor_RgbSetWithIdentity_KeepsChannelPlanesAndDividesBy255()
    {
        // Given 2 RGB images of 1 x 2 whose values encode image, channel and column
        byte[] pixels = [0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121];
        var set = new LabeledImageSet(pixels, [0, 0], 3, 1, 2);
        using var scope = NewDisposeScope();

        // When all images are turned into a tensor without normalisation
        Tensor batch = set.ToTensor(InputNormalization.Identity);

        // Then it is (2, 3, 1, 2) and element [n, c, 0, x] is the byte at (n, c, x) divided by 255
        Assert.Equal([2L, 3, 1, 2], batch.shape);
        Assert.Equal(111f / 255f, batch[1, 1, 0, 1].item<float>(), 6);
        Assert.Equal(20f / 255f, batch[0, 2, 0, 0].item<float>(), 6);
    }

    [Fact]
    public void ToTensor_NoIndices_GivesEmptyBatch()
    {
        // Given a set of 1 x 3 x 3 images
        var set = new LabeledImageSet(new byte[18], [0, 1], 1, 3, 3);
        using var scope = NewDisposeScope();

        // When no image is selected, then the batch has 0 rows and the image shape
        Tensor batch = set.ToTensor(ReadOnlySpan<int>.Empty, InputNormalization.Identity);
        Assert.Equal([0L, 1, 3, 3], batch.shape);
    }

    [Fact]
    public void FromImageFiles_TwoPngs_GivesUnlabeledSetInFileOrder()
    {
        // Given two 2 x 2 greyscale PNGs
        using var temp = new TempFolder();
        string a = temp.File("a.png");
        string b = temp.File("b.png");
        ImageFileWriter.WriteGrayscalePng(a, [1, 2, 3, 4], 2, 2);
        ImageFileWriter.WriteGrayscalePng(b, [50, 60, 70, 80], 2, 2);

        // When they are read as a set, b first
        LabeledImageSet set = LabeledImageSet.FromImageFiles([b, a], 1, 2, 2);

        // Then the pixels follow the list and every label is Unlabeled
        Assert.Equal([50, 60, 70, 80, 1, 2, 3, 4], set.Pixels.ToArray());
        Assert.Equal([LabeledImageSet.Unlabeled, LabeledImageSet.Unlabeled], set.Labels);
        Assert.Equal(0, set.ClassCount);
    }

    [Fact]
    public void FromImageFiles_OneMissingFile_NamesIt()
    {
        // Given one existing and one missing file
        using var temp = new TempFolder();
        string a = temp.File("a.png");
        ImageFileWriter.WriteGrayscalePng(a, [1, 2, 3, 4], 2, 2);
        string missing = temp.File("missing.png");

        // When they are read as a set, then the missing one is reported
        var error = Assert.Throws<DataFormatException>(() => LabeledImageSet.FromImageFiles([a, missing], 1, 2, 2));
        Assert.Equal($"{missing}: file not found", error.Message);
    }

    [Fact]
    public void FromImageFiles_SeveralBadFiles_ReportsTheFirstInListOrder()
    {
        // Given 40 good PNGs with a missing file at 25 and a corrupt one at 30, and the same list with the corrupt one first
        using var temp = new TempFolder();
        var paths = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            string path = temp.File($"{i}.png");
            ImageFileWriter.WriteGrayscalePng(path, [(byte)i, 2, 3, 4], 2, 2);
            paths.Add(path);
        }

        string missing = temp.File("missing.png");
        string corrupt = temp.File("corrupt.png");
        File.WriteAllText(corrupt, "not an image");
        paths[25] = missing;
        paths[30] = corrupt;
        var swapped = paths.ToList();
        (swapped[25], swapped[30]) = (swapped[30], swapped[25]);

        // When each list is read (files are decoded in parallel)
        var first = Assert.Throws<DataFormatException>(() => LabeledImageSet.FromImageFiles(paths, 1, 2, 2));
        var second = Assert.Throws<DataFormatException>(() => LabeledImageSet.FromImageFiles(swapped, 1, 2, 2));

        // Then the error is always the first bad file's in list order
        Assert.Equal($"{missing}: file not found", first.Message);
        Assert.Equal(corrupt, second.FilePath);
    }

    [Fact]
    public void FromImageFiles_EmptyPathBeforeAMissingFile_ThrowsTheArgumentErrorUnwrapped()
    {
        // Given a good file, an empty path and a missing file
        using var temp = new TempFolder();
        string a = temp.File("a.png");
        ImageFileWriter.WriteGrayscalePng(a, [1, 2, 3, 4], 2, 2);

        // When they are read, then the empty path's ArgumentException comes out as it is, not in an AggregateException
        Assert.Throws<ArgumentException>(() => LabeledImageSet.FromImageFiles([a, "", temp.File("missing.png")], 1, 2, 2));
    }

    [Fact]
    public void FromImageFiles_MemoryBudget_IsTheLimitOfTheFloatSize()
    {
        // Given three 2 x 2 grey PNGs: 3 x 1 x 2 x 2 x 4 = 48 bytes as float32 values
        using var temp = new TempFolder();
        var paths = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            paths.Add(temp.File($"{i}.png"));
            ImageFileWriter.WriteGrayscalePng(paths[i], [(byte)i, 2, 3, 4], 2, 2);
        }

        // When they are read with a budget of 48 bytes and of one byte less
        LabeledImageSet fits = LabeledImageSet.FromImageFiles(paths, 1, 2, 2, memoryBudget: 48);
        var ex = Assert.Throws<ArgumentException>(() => LabeledImageSet.FromImageFiles(paths, 1, 2, 2, memoryBudget: 47));

        // Then the first is read and the second refused, naming the files and both sizes
        Assert.Equal(3, fits.Count);
        Assert.Equal(
            $"{paths[0]} and 2 more image files: 3 images of 1x2x2 would need 48 bytes as float32 values (3 x 1 x 2 x 2 x 4 bytes), more than the memory budget of 47 bytes; expected fewer images or a smaller image size",
            ex.Message);
    }

    [Fact]
    public void FromImageFiles_DefaultBudget_RefusesHugeSizesBeforeOpeningAnyFile()
    {
        // Given twelve paths (no file exists) asked for at 3 x 8000 x 8000: 8.6 GiB as float32 values
        using var temp = new TempFolder();
        var paths = Enumerable.Range(0, 12).Select(i => temp.File($"{i}.png")).ToList();

        // When they are read with the default budget (8 GiB)
        var ex = Assert.Throws<ArgumentException>(() => LabeledImageSet.FromImageFiles(paths, 3, 8000, 8000));

        // Then the size it would need is refused before any file is looked at
        Assert.StartsWith($"{paths[0]} and 11 more image files: 12 images of 3x8000x8000 would need 8.6 GiB as float32 values", ex.Message);
        Assert.Contains("more than the memory budget of 8 GiB", ex.Message);
        Assert.Null(ex.ParamName);
    }

    [Fact]
    public void FromImageFiles_MoreValuesThanAnArrayHolds_IsRefusedWhateverTheBudget()
    {
        // Given twelve paths at 3 x 8000 x 8000 (2,304,000,000 values) and no memory budget to speak of
        using var temp = new TempFolder();
        var paths = Enumerable.Range(0, 12).Select(i => temp.File($"{i}.png")).ToList();

        // When they are read, then the set's own limit refuses them
        var ex = Assert.Throws<ArgumentException>(() => LabeledImageSet.FromImageFiles(paths, 3, 8000, 8000, memoryBudget: long.MaxValue));
        Assert.Contains($"12 images of 3x8000x8000 make 2,304,000,000 pixel values, more than the {Array.MaxLength:N0} one set can hold", ex.Message);
    }

    [Fact]
    public void FromImageFiles_NamedPipeInTheList_IsRefusedWithoutBlocking()
    {
        // Given a good PNG and a named pipe called x.png
        using var temp = new TempFolder();
        string a = temp.File("a.png");
        ImageFileWriter.WriteGrayscalePng(a, [1, 2, 3, 4], 2, 2);
        string pipe = SpecialFiles.NamedPipe(temp.File("x.png"));

        // When they are read as a set, then the pipe is named at once
        var ex = SpecialFiles.ThrownWithoutBlocking(pipe, () => LabeledImageSet.FromImageFiles([a, pipe], 1, 2, 2));
        Assert.Equal($"{pipe}: not a regular file (a named pipe, device or socket); expected an image file", Assert.IsType<DataFormatException>(ex).Message);
    }

    /// <summary>One counter-clockwise quarter turn of each n x n plane: the top row becomes the left column, read upwards.</summary>
    private static byte[] QuarterTurnEachPlane(byte[] image, int channels, int n)
    {
        var result = new byte[image.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < n; r++)
            {
                for (int col = 0; col < n; col++)
                {
                    result[(c * n * n) + ((n - 1 - col) * n) + r] = image[(c * n * n) + (r * n) + col];
                }
            }
        }

        return result;
    }

    private static LabeledImageSet IndexedSet((int Label, int Count)[] classes)
    {
        int[] labels = classes.SelectMany(c => Enumerable.Repeat(c.Label, c.Count)).ToArray();
        byte[] pixels = Enumerable.Range(0, labels.Length).Select(i => (byte)i).ToArray();
        return new LabeledImageSet(pixels, labels, 1, 1, 1);
    }

    private static int[] CountsPerClass(LabeledImageSet set, int classes) =>
        Enumerable.Range(0, classes).Select(c => set.Labels.Count(label => label == c)).ToArray();

    [Fact]
    public void SplitByClass_ListedClasses_GoWhollyToTheFirstSet()
    {
        // Given 12 images of classes 0..3 (pixel value = index, so images can be traced)
        var labels = Enumerable.Range(0, 12).Select(i => i % 4).ToArray();
        var set = new LabeledImageSet(Enumerable.Range(0, 12).Select(i => (byte)i).ToArray(), labels, 1, 1, 1);

        // When classes 1 and 3 are split off
        var (seen, unseen) = set.SplitByClass([1, 3]);

        // Then every image of 1 and 3 is in the first set, every other image in the second, and no class is in both
        Assert.Equal([1, 3], seen.Classes);
        Assert.Equal([0, 2], unseen.Classes);
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, unseen.Count);
        Assert.Equal([1, 3, 5, 7, 9, 11], seen.Pixels.ToArray());
    }

    [Fact]
    public void SplitByClass_Fraction_IsDisjointReproducibleAndSeedDependent()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 10).ToArray();
        var set = new LabeledImageSet(new byte[200], labels, 1, 1, 1);

        var (a1, b1) = set.SplitByClass(0.6, seed: 4);
        var (a2, _) = set.SplitByClass(0.6, seed: 4);
        var others = Enumerable.Range(5, 20).Select(seed => set.SplitByClass(0.6, seed).First.Classes.ToArray());

        Assert.Equal(6, a1.ClassCount);
        Assert.Equal(4, b1.ClassCount);
        Assert.Empty(a1.Classes.Intersect(b1.Classes));
        Assert.Equal(200, a1.Count + b1.Count);
        Assert.Equal(a1.Classes, a2.Classes);
        Assert.Contains(others, classes => !classes.SequenceEqual(a1.Classes));
    }

    [Theory]
    [InlineData(new[] { 7 }, "class 7 does not occur")]
    [InlineData(new[] { 0, 1 }, "both sides")]
    public void SplitByClass_BadClassList_IsRejected(int[] classes, string expected)
    {
        var set = new LabeledImageSet(new byte[4], [0, 1, 0, 1], 1, 1, 1);

        var error = Assert.Throws<ArgumentException>(() => set.SplitByClass(classes));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SplitByClass_FractionLeavingOneSideEmpty_IsRejected()
    {
        var set = new LabeledImageSet(new byte[4], [0, 1, 0, 1], 1, 1, 1);

        Assert.Throws<ArgumentException>(() => set.SplitByClass(0.9, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.SplitByClass(1.0, seed: 1));
    }

    [Fact]
    public void WithRotatedClasses_TwoByTwoImage_AddsEachQuarterTurnAsItsOwnClass()
    {
        // Given one 2x2 image of class 3: [[1, 2], [3, 4]], and one unlabelled image
        var set = new LabeledImageSet([1, 2, 3, 4, 9, 9, 9, 9], [3, LabeledImageSet.Unlabeled], 1, 2, 2);

        // When every image is turned by quarter turns
        var turned = set.WithRotatedClasses();

        // Then the turns are counter-clockwise, labelled 4c + turn, and unlabelled images stay unlabelled
        Assert.Equal(8, turned.Count);
        Assert.Equal([12, -1, 13, -1, 14, -1, 15, -1], turned.Labels);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, turned.GetImage(0).ToArray());
        Assert.Equal(new byte[] { 2, 4, 1, 3 }, turned.GetImage(2).ToArray());
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, turned.GetImage(4).ToArray());
        Assert.Equal(new byte[] { 3, 1, 4, 2 }, turned.GetImage(6).ToArray());
    }

    [Fact]
    public void WithRotatedClasses_ThreeByThreeRgb_EachTurnIsThatManySingleQuarterTurnsOfEveryChannel()
    {
        // Given two 3x3 images with 3 channels of distinct values, of classes 0 and 2
        byte[] pixels = Enumerable.Range(0, 2 * 3 * 9).Select(v => (byte)v).ToArray();
        var set = new LabeledImageSet(pixels, [0, 2], 3, 3, 3);

        // When every image is turned by quarter turns
        var turned = set.WithRotatedClasses();

        // Then turn t of image i is t counter-clockwise quarter turns of each channel plane, done one at a time by a plain loop
        Assert.Equal([0, 8, 1, 9, 2, 10, 3, 11], turned.Labels);
        for (int i = 0; i < 2; i++)
        {
            byte[] expected = set.GetImage(i).ToArray();
            for (int turn = 0; turn < 4; turn++)
            {
                Assert.Equal(expected, turned.GetImage((turn * 2) + i).ToArray());
                expected = QuarterTurnEachPlane(expected, channels: 3, n: 3);
            }
        }
    }

    [Fact]
    public void WithRotatedClasses_NonSquareImages_ThrowsNamingTheSize()
    {
        var set = new LabeledImageSet(new byte[6], [0], 1, 2, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => set.WithRotatedClasses());
        Assert.Contains("2x3", ex.Message);
    }
}
