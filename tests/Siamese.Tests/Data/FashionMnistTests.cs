using Siamese.Data;

namespace Siamese.Tests.Data;

public class FashionMnistTests
{
    [Fact]
    public void Load_InstalledTestSplit_Has1000ImagesOf28x28PerClass()
    {
        // Given the installed data set (CI installs it: a missing folder must fail this test, not skip it)
        string directory = FashionMnist.DefaultDirectory;
        Assert.True(
            Directory.Exists(directory),
            $"Fashion-MNIST is missing from {directory}: run scripts/ensure-data.sh or set {FashionMnist.DirectoryVariable}");

        // When the test split is loaded
        LabeledImageSet test = FashionMnist.Load(null, FashionMnistSplit.Test);

        // Then it has 10,000 greyscale 28 x 28 images, 1,000 in each of the 10 classes
        Assert.Equal((10_000, 1, 28, 28), (test.Count, test.Channels, test.Height, test.Width));
        Assert.Equal(Enumerable.Range(0, 10), test.Classes);
        Assert.All(test.Classes, c => Assert.Equal(1_000, test.Labels.Count(label => label == c)));

        // And the first test image is the published one: an ankle boot, dark border, brighter middle
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[test.Labels[0]]);
        ReadOnlySpan<byte> first = test.GetImage(0);
        Assert.Equal(0, first[0]);
        Assert.True(first.ToArray().Count(p => p > 0) > 200);

        // And its statistics are those commonly quoted for Fashion-MNIST (mean about 0.29, std about 0.35)
        InputNormalization normalization = InputNormalization.ComputeFrom(test);
        Assert.InRange(normalization.Mean, 0.27, 0.30);
        Assert.InRange(normalization.Std, 0.34, 0.36);
    }

    [Fact]
    public void Load_MissingFolder_ExplainsHowToInstallTheData()
    {
        // Given a folder that does not exist
        using var temp = new TempFolder();
        string directory = Path.Combine(temp.Path, "nowhere");

        // When the data is loaded from it
        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Load(directory, FashionMnistSplit.Train));

        // Then the message names the folder and every way to get the data
        Assert.StartsWith($"{directory}: Fashion-MNIST folder not found;", error.Message);
        Assert.Contains("dataset-fashion-mnist", error.Message);
        Assert.Contains("scripts/ensure-data.sh", error.Message);
        Assert.Contains("SIAMESE_FASHION_MNIST", error.Message);
    }

    [Fact]
    public void Load_MissingLabelsFile_NamesTheFileAndHowToInstall()
    {
        // Given a folder with the test images but not the test labels
        using var temp = new TempFolder();
        IdxFiles.WriteImages(temp.File("t10k-images-idx3-ubyte.gz"), 1, 28, 28, new byte[784], gzipped: true);

        // When the test split is loaded
        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Load(temp.Path, FashionMnistSplit.Test));

        // Then the missing file is named
        Assert.StartsWith($"{temp.File("t10k-labels-idx1-ubyte.gz")}: Fashion-MNIST file not found;", error.Message);
        Assert.Contains("dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Load_DecompressedFiles_AreUsedWhenGzippedOnesAreAbsent()
    {
        // Given the training files decompressed, with two images
        using var temp = new TempFolder();
        byte[] pixels = IdxFiles.Pattern(2 * 784);
        IdxFiles.WriteImages(temp.File("train-images-idx3-ubyte"), 2, 28, 28, pixels);
        IdxFiles.WriteLabels(temp.File("train-labels-idx1-ubyte"), [3, 9]);

        // When the training split is loaded
        LabeledImageSet train = FashionMnist.Load(temp.Path, FashionMnistSplit.Train);

        // Then they are read
        Assert.Equal(pixels, train.Pixels.ToArray());
        Assert.Equal([3, 9], train.Labels);
    }

    [Fact]
    public void Load_ImagesNot28x28_ReportsTheSize()
    {
        // Given test files of 2 x 2 images
        using var temp = new TempFolder();
        string images = IdxFiles.WriteImages(temp.File("t10k-images-idx3-ubyte.gz"), 1, 2, 2, [1, 2, 3, 4], gzipped: true);
        IdxFiles.WriteLabels(temp.File("t10k-labels-idx1-ubyte.gz"), [0], gzipped: true);

        // When the test split is loaded, then the size is reported
        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Load(temp.Path, FashionMnistSplit.Test));
        Assert.Equal($"{images}: expected Fashion-MNIST's 28x28 images, found 2x2", error.Message);
    }

    [Fact]
    public void Load_LabelAboveNine_ReportsIt()
    {
        // Given a label 10
        using var temp = new TempFolder();
        IdxFiles.WriteImages(temp.File("t10k-images-idx3-ubyte.gz"), 2, 28, 28, new byte[2 * 784], gzipped: true);
        string labels = IdxFiles.WriteLabels(temp.File("t10k-labels-idx1-ubyte.gz"), [9, 10], gzipped: true);

        // When the test split is loaded, then the label is reported
        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Load(temp.Path, FashionMnistSplit.Test));
        Assert.Equal($"{labels}: expected Fashion-MNIST labels 0 to 9, found 10", error.Message);
    }

    [Theory]
    [InlineData("/data/fmnist", "/data/fmnist")]
    [InlineData(null, "/usr/share/datasets/fashion-mnist")]
    [InlineData("", "/usr/share/datasets/fashion-mnist")]
    public void ChooseDirectory_VariableSetOrNot_FollowsTheVariable(string? variable, string expected)
    {
        // Given SIAMESE_FASHION_MNIST set to a folder, unset or empty (passed in, so that no test changes the
        // process environment under the feet of tests running in parallel)
        // When the default folder is chosen, then a set variable wins over the Debian location
        Assert.Equal(expected, FashionMnist.ChooseDirectory(variable));
    }

    [Fact]
    public void DefaultDirectory_InThisProcess_UsesTheEnvironment()
    {
        // Given the environment of this test run, when the default folder is read, then it is the chosen one
        Assert.Equal(
            FashionMnist.ChooseDirectory(Environment.GetEnvironmentVariable("SIAMESE_FASHION_MNIST")),
            FashionMnist.DefaultDirectory);
    }

    [Fact]
    public void ClassNames_InLabelOrder_AreThePublishedOnes()
    {
        // Given the class names, then they are the ten of the Fashion-MNIST paper in label order
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnist.ClassNames);
    }
}
