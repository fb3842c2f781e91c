using Siamese.Data;

namespace Siamese.Tests.Data;

public class TextPairColumnTests
{
    [Theory]
    [InlineData("6", null, 6)]
    [InlineData(" 12 ", null, 12)]
    [InlineData("+3", null, 3)]
    [InlineData("sentence1", "sentence1", null)]
    [InlineData(" #1 String ", "#1 String", null)]
    [InlineData("6a", "6a", null)]
    public void Parse_WholeNumberOrName_GivesANumberOrAName(string text, string? name, int? number)
    {
        // Given a column as written on the command line, when it is parsed, then a whole number is a 1-based position
        TextPairColumn column = TextPairColumn.Parse(text);
        Assert.Equal((name, number), (column.Name, column.Number));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("99999999999")]
    public void Parse_NumberThatIsNoColumn_SaysColumnsCountFromOne(string text)
    {
        // Given a number below 1 or past int, when it is parsed, then the message quotes it and says how columns count
        var error = Assert.Throws<ArgumentException>(() => TextPairColumn.Parse(text));
        Assert.Equal($"column '{text}': column numbers count from 1 (the first column is 1) and must be at most 2,147,483,647", error.Message);
    }

    [Fact]
    public void ToString_NameOrNumber_IsWrittenAsTheUserWroteIt()
    {
        Assert.Equal("'score'", TextPairColumn.Named("score").ToString());
        Assert.Equal("5", TextPairColumn.At(5).ToString());
    }
}
