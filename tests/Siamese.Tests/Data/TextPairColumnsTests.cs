using Siamese.Data;

namespace Siamese.Tests.Data;

public class TextPairColumnsTests
{
    [Fact]
    public void Constructor_SameColumnTwice_IsRejected()
    {
        // Given the same column for both texts, when the selection is made, then it is refused
        var labels = new TextPairScoreRange(0, 1);
        Assert.Throws<ArgumentException>(() => new TextPairColumns("text", "TEXT", "score", labels));
    }

    [Fact]
    public void Constructor_SameColumnNumberTwice_IsRejected()
    {
        // Given column 5 for the second text and the label, when the selection is made, then it is refused
        var labels = new TextPairScoreRange(0, 5);
        var error = Assert.Throws<ArgumentException>(() => new TextPairColumns("6", "5", "5", labels));
        Assert.Equal("the text and label columns must be three different columns, found 6, 5 and 5", error.Message);
    }

    [Fact]
    public void Constructor_NumbersAndNames_KeepsEachAsGiven()
    {
        // Given columns by number and by name, when the selection is made, then each keeps its kind
        var columns = new TextPairColumns("6", "sentence2", "5", new TextPairScoreRange(0, 5));
        Assert.Equal((6, "sentence2", 5), (columns.Text1.Number, columns.Text2.Name, columns.Label.Number));
    }
}
