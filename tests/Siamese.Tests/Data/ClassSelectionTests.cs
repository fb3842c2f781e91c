using Siamese.Data;

namespace Siamese.Tests.Data;

public class ClassSelectionTests
{
    private static readonly string[] Clothes = ["Shirt", "Coat", "Bag", "Sneaker", "Boot"];

    [Theory]
    [InlineData("coat,BAG", new[] { 1, 2 })]
    [InlineData(" boot , shirt ", new[] { 0, 4 })]
    [InlineData("0-2", new[] { 0, 1, 2 })]
    [InlineData("4,1-2", new[] { 1, 2, 4 })]
    [InlineData("3,3-3,Sneaker", new[] { 3 })]
    [InlineData("0-1,bag,4", new[] { 0, 1, 2, 4 })]
    [InlineData("1,,2,", new[] { 1, 2 })]
    public void Parse_NamesNumbersAndRanges_GivesAscendingDistinctClasses(string text, int[] expected)
    {
        Assert.Equal(expected, ClassSelection.Parse(text, Clothes, "--train-classes"));
    }

    [Theory]
    [InlineData("3", new[] { 0 })]
    [InlineData("0-1", new[] { 2 })]
    [InlineData("x-y", new[] { 1 })]
    [InlineData("1", new[] { 1 })]
    [InlineData("1-3", new[] { 1, 2, 3 })]
    public void Parse_NamesThatLookLikeNumbersOrRanges_AreReadAsNames(string text, int[] expected)
    {
        // Given classes named "3", "x-y" and "0-1" (class numbers 0, 1 and 2) and one plain name
        string[] names = ["3", "x-y", "0-1", "zero"];

        // Then an entry that is a class name is that class; other numbers and ranges are class numbers
        Assert.Equal(expected, ClassSelection.Parse(text, names, "--test-classes"));
    }

    [Theory]
    [InlineData("hat")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Parse_UnknownEntry_ThrowsListingTheClasses(string entry)
    {
        var ex = Assert.Throws<ArgumentException>(() => ClassSelection.Parse($"coat,{entry}", Clothes, "--train-classes"));

        Assert.StartsWith("--train-classes: ", ex.Message);
        Assert.Contains($"'{entry}'", ex.Message);
        Assert.Contains("0 Shirt, 1 Coat, 2 Bag, 3 Sneaker, 4 Boot", ex.Message);
    }

    [Theory]
    [InlineData("3-1")]
    [InlineData("2-5")]
    public void Parse_BadRange_Throws(string range)
    {
        var ex = Assert.Throws<ArgumentException>(() => ClassSelection.Parse(range, Clothes, "--test-classes"));

        Assert.Contains($"range '{range}'", ex.Message);
        Assert.Contains("0 to 4", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ,")]
    public void Parse_EmptyList_Throws(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ClassSelection.Parse(text, Clothes, "--train-classes"));

        Assert.Contains("class list is empty", ex.Message);
    }

    [Fact]
    public void Describe_ManyClasses_ShowsTwelveAndTheTotal()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"c{i}").ToArray();

        string text = ClassSelection.Describe(names);

        Assert.StartsWith("0 c0, 1 c1, ", text);
        Assert.Contains("11 c11, … (20 in all)", text);
        Assert.DoesNotContain("c12", text);
        Assert.Equal("0 a, 1 b", ClassSelection.Describe(["a", "b"]));
    }
}
