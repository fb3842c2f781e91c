using Siamese.Samplers;
using Siamese.Sources;
using Siamese.Tests.Data;

namespace Siamese.Tests.Sources;

public sealed class ImagePairListSourceTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_PairList_HoldsASeededShareOfPairsOutAndReadsEachImageOnce()
    {
        // Given a list of 40 pairs over a folder of 4 classes
        string root = FashionMnistFolders.WriteClassFolder(temp.File("images"), classes: 4, perClass: 5);
        string list = FashionMnistFolders.WritePairList(root, temp.File("pairs.tsv"), count: 40, seed: 7);
        var source = new ImagePairListSource { File = list, ValidationFraction = 0.25 };

        // When it is loaded twice with one seed
        var splits = source.Load(seed: 5);
        var again = source.Load(seed: 5);

        // Then 10 pairs validate and 30 train, at the first image's size, each part's images distinct, and the split repeats
        var train = Assert.IsType<ImagePairs>(splits.Train);
        var validation = Assert.IsType<ImagePairs>(splits.Validation);
        Assert.Equal((30, 10), (train.Count, validation.Count));
        Assert.Equal((1, 28, 28), (train.Images.Channels, train.Images.Height, train.Images.Width));
        Assert.True(train.Images.Count <= 20);
        Assert.Equal(train.Pairs.Left, ((ImagePairs)again.Train).Pairs.Left);
        Assert.Contains(PairRelation.Same, train.Pairs.Relations);
        Assert.Contains(PairRelation.Different, train.Pairs.Relations);
        Assert.Contains("30 pairs", splits.Description);
    }

    [Fact]
    public void Load_ImageSizeGiven_ResizesEveryImage()
    {
        // Given a pair list and a size of 14x12
        string root = FashionMnistFolders.WriteClassFolder(temp.File("images"), classes: 2, perClass: 4);
        string list = FashionMnistFolders.WritePairList(root, temp.File("pairs.tsv"), count: 20, seed: 1);

        // When it is loaded at that size
        var splits = new ImagePairListSource { File = list, Height = 14, Width = 12, ValidationFraction = 0.2 }.Load(seed: 1);

        // Then the images are 14x12
        var images = ((ImagePairs)splits.Train).Images;
        Assert.Equal((14, 12), (images.Height, images.Width));
    }

    [Fact]
    public void Validate_HeightWithoutWidth_IsRefused()
    {
        // Given a source with a height and no width
        var source = new ImagePairListSource { File = "p.tsv", Height = 10 };

        // When it is validated, then the message asks for both
        Assert.Contains("both the height and the width", Assert.Throws<ArgumentException>(source.Validate).Message);
    }
}
