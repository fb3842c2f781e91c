using Siamese.Sources;
using Siamese.Tests.Data;

namespace Siamese.Tests.Sources;

public sealed class TextPairFileSourceTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_NoValidationFile_HoldsOutASeededShareOfThePairs()
    {
        // Given 20 binary pairs
        string file = WritePairs("train.tsv", 20, graded: false);
        var source = new TextPairFileSource { File = file, Layout = Layout(graded: false), ValidationFraction = 0.25 };

        // When it is loaded twice with one seed
        var splits = source.Load(seed: 4);
        var again = source.Load(seed: 4);

        // Then 5 pairs validate and 15 train, the same ones both times, and no test part exists
        var train = Assert.IsType<TextPairs>(splits.Train).Pairs;
        var validation = Assert.IsType<TextPairs>(splits.Validation).Pairs;
        Assert.Equal((15, 5), (train.Count, validation.Count));
        Assert.Equal(validation.FirstTexts, ((TextPairs)again.Validation).Pairs.FirstTexts);
        Assert.Empty(train.FirstTexts.Intersect(validation.FirstTexts));
        Assert.Null(splits.Test);
        Assert.Contains("5 pairs held out of", splits.Description);
    }

    [Fact]
    public void Load_ValidationAndTestFiles_AreThePartsAsWritten()
    {
        // Given graded training, validation and test files
        string train = WritePairs("train.tsv", 12, graded: true);
        string validation = WritePairs("validation.tsv", 6, graded: true);
        string test = WritePairs("test.tsv", 4, graded: true);
        var source = new TextPairFileSource { File = train, Layout = Layout(graded: true), ValidationFile = validation, TestFile = test };

        // When it is loaded
        var splits = source.Load(seed: 1);

        // Then every training pair trains, and the validation and test parts are their files, graded
        Assert.Equal(12, splits.Train.Count);
        Assert.Equal(6, splits.Validation.Count);
        Assert.True(Assert.IsType<TextPairs>(splits.Test).Pairs.IsGraded);
        Assert.Contains("validation " + validation, splits.Description);
    }

    [Fact]
    public void Load_TooFewPairsToHoldOut_NamesTheFileAndTheRemedy()
    {
        // Given 3 pairs
        string file = WritePairs("tiny.tsv", 3, graded: false);

        // When a tenth is to be held out
        var ex = Assert.Throws<ArgumentException>(() => new TextPairFileSource { File = file, Layout = Layout(false), ValidationFraction = 0.1 }.Load(seed: 1));

        // Then the message names the file and --validation-file
        Assert.Contains("tiny.tsv", ex.Message);
        Assert.Contains("--validation-file", ex.Message);
    }

    private static TextPairFileLayout Layout(bool graded) => graded
        ? new TextPairFileLayout { Label = "score", ScoreRange = "0,5" }
        : new TextPairFileLayout { SameLabels = "1", DifferentLabels = "0" };

    private string WritePairs(string name, int count, bool graded)
    {
        var lines = new List<string> { graded ? "sentence1\tsentence2\tscore" : "sentence1\tsentence2\tlabel" };
        for (int i = 0; i < count; i++)
        {
            lines.Add($"first text {i}\tsecond text {i}\t{(graded ? (i % 6).ToString(System.Globalization.CultureInfo.InvariantCulture) : (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }

        string path = temp.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
