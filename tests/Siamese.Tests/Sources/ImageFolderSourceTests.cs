using Siamese.Sources;
using Siamese.Tests.Data;

namespace Siamese.Tests.Sources;

public sealed class ImageFolderSourceTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_DefaultSplit_HoldsWholeTrainingClassesOutForValidation()
    {
        // Given a folder of 8 classes of 6 images
        string root = FashionMnistFolders.WriteClassFolder(temp.File("images"), classes: 8, perClass: 6);
        var source = new ImageFolderSource { Folder = root, Split = new ImageSplitOptions { ValidationFraction = 0.25 } };

        // When it is loaded
        var splits = source.Load(seed: 3);

        // Then validation holds 2 whole classes the training part lacks, there is no test part, and the read is logged
        var train = Assert.IsType<LabelledImages>(splits.Train).Images;
        var validation = Assert.IsType<LabelledImages>(splits.Validation).Images;
        Assert.Equal(6, train.ClassCount);
        Assert.Equal(2, validation.ClassCount);
        Assert.Empty(train.Classes.Intersect(validation.Classes));
        Assert.Equal(48, train.Count + validation.Count);
        Assert.Null(splits.Test);
        Assert.Contains("Read 48 images of 8 classes", Assert.Single(splits.Log));
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"], splits.ClassNames);
    }

    [Fact]
    public void Load_SameSeed_GivesTheSameSplitAndAnotherSeedAnother()
    {
        // Given one folder and a class-fraction split
        string root = FashionMnistFolders.WriteClassFolder(temp.File("images"), classes: 10, perClass: 4);
        var source = new ImageFolderSource { Folder = root, Split = new ImageSplitOptions { ClassFraction = 0.5, ValidationBy = ValidationHoldout.Sample, ValidationFraction = 0.25 } };

        // When it is loaded twice with one seed and once with another
        var first = source.Load(seed: 1);
        var again = source.Load(seed: 1);
        var other = Enumerable.Range(2, 10).Select(source.Load).First(s => !s.TestClassNames!.SequenceEqual(first.TestClassNames!));

        // Then the same seed draws the same unseen test classes, the test part holds exactly them, and some other seed draws others
        Assert.Equal(first.TestClassNames, again.TestClassNames);
        Assert.Equal(5, first.TestClassNames!.Count);
        var test = Assert.IsType<LabelledImages>(first.Test).Images;
        Assert.Equal(first.TestClassNames, test.Classes.Select(c => first.ClassNames[c]));
        Assert.Empty(first.TrainClassNames!.Intersect(first.TestClassNames));
        Assert.NotEqual(first.TestClassNames, other.TestClassNames);
    }

    [Fact]
    public void Load_TooFewClassesToHoldOut_FallsBackToSamplesWithANote()
    {
        // Given 3 classes, too few to hold whole classes out
        string root = FashionMnistFolders.WriteClassFolder(temp.File("images"), classes: 3, perClass: 8);

        // When it is loaded with the folder's default (validation by class)
        var splits = new ImageFolderSource { Folder = root, Split = new ImageSplitOptions { ValidationFraction = 0.25 } }.Load(seed: 1);

        // Then validation takes samples of every class, and a note says so
        Assert.Equal(3, Assert.IsType<LabelledImages>(splits.Validation).Images.ClassCount);
        Assert.Contains(splits.Notes, n => n.Contains("too few to hold whole classes out"));
    }

    [Fact]
    public void Validate_BadSettings_NamesTheSetting()
    {
        // Given sources with a bad class depth and a bad validation fraction
        var depth = new ImageFolderSource { Folder = "x", ClassDepth = 0 };
        var fraction = new ImageFolderSource { Folder = "x", Split = new ImageSplitOptions { ValidationFraction = 1.5 } };

        // When they are validated, then each message names its setting
        Assert.Contains("class depth", Assert.Throws<ArgumentException>(depth.Validate).Message);
        Assert.Contains("validation fraction", Assert.Throws<ArgumentException>(fraction.Validate).Message);
    }
}
