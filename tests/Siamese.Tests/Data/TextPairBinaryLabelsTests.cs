using Siamese.Data;

namespace Siamese.Tests.Data;

public class TextPairBinaryLabelsTests
{
    [Fact]
    public void Constructor_ValueInBothLists_IsRejected()
    {
        // Given "Same" listed as both same and different (in another case), when the mapping is made, then it is refused
        var error = Assert.Throws<ArgumentException>(() => new TextPairBinaryLabels(["same"], ["0", "SAME"]));
        Assert.StartsWith("label value 'SAME' is listed as both same and different", error.Message);
    }
}
