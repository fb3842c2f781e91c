using Siamese.Data;
using Siamese.Samplers;

namespace Siamese.Tests.Data;

public class TextPairLabelsTests
{
    [Fact]
    public void Parse_ScoreRange_GivesTheRange()
    {
        // Given --score-range 0,5, when it is parsed
        TextPairLabels labels = TextPairLabels.Parse("0,5", null, null);

        // Then it is a graded range from 0 to 5
        var range = Assert.IsType<TextPairScoreRange>(labels);
        Assert.Equal((0.0, 5.0), (range.Min, range.Max));
        Assert.Equal(0.8, range.Rescale(4), 12);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(5.5)]
    [InlineData(double.NaN)]
    public void Rescale_ScoreOutsideTheRange_ThrowsArgumentOutOfRange(double raw)
    {
        // Given the range 0 to 5, when a score outside it is rescaled, then the argument is rejected, naming both
        var range = new TextPairScoreRange(0, 5);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => range.Rescale(raw));
        Assert.StartsWith($"score {TextPairScoreRange.Format(raw)} is outside the range 0 to 5", error.Message);
        Assert.Equal("raw", error.ParamName);
    }

    [Fact]
    public void Parse_NegativeScoreRange_IsAccepted()
    {
        // Given --score-range -1,1 with spaces, when it is parsed, then both bounds are read
        var range = Assert.IsType<TextPairScoreRange>(TextPairLabels.Parse(" -1 , 1 ", null, null));
        Assert.Equal((-1.0, 1.0), (range.Min, range.Max));
    }

    [Fact]
    public void Parse_SameAndDifferentLabels_GivesTheMapping()
    {
        // Given --same-labels 1,duplicate --different-labels 0
        TextPairLabels labels = TextPairLabels.Parse(null, "1, duplicate", "0");

        // When the mapping is asked about values in any case
        var binary = Assert.IsType<TextPairBinaryLabels>(labels);

        // Then the stated values map and others do not
        Assert.Equal(["1", "duplicate"], binary.SameValues);
        Assert.Equal(["0"], binary.DifferentValues);
        Assert.Equal(PairRelation.Same, binary.Find("DUPLICATE"));
        Assert.Equal(PairRelation.Different, binary.Find(" 0 "));
        Assert.Null(binary.Find("same"));
    }

    [Theory]
    [InlineData(null, null, null, "the meaning of the label column must be stated")]
    [InlineData("0,5", "1", "0", "--score-range cannot be combined")]
    [InlineData(null, "1", null, "--different-labels is missing")]
    [InlineData(null, null, "0", "--same-labels is missing")]
    [InlineData("5", null, null, "--score-range: expected MIN,MAX such as 0,5, found '5'")]
    [InlineData("0,five", null, null, "--score-range: 'five' in '0,five' is not a number")]
    [InlineData("5,0", null, null, "--score-range: the score range must be finite and run upwards (MIN < MAX), found 5 to 0")]
    [InlineData(null, "1,,yes", "0", "--same-labels: expected a comma-separated list")]
    public void Parse_BadOptions_ExplainsWhatIsMissingOrWrong(string? range, string? same, string? different, string start)
    {
        // Given options that do not state one clear mapping, when they are parsed, then the message says why
        var error = Assert.ThrowsAny<ArgumentException>(() => TextPairLabels.Parse(range, same, different));
        Assert.StartsWith(start, error.Message);
    }
}
