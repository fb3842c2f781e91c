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
}
