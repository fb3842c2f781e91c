using Siamese.Data;

namespace Siamese.Tests.Data;

public class MessageTextTests
{
    [Theory]
    [InlineData("maybe", "'maybe'")]
    [InlineData("a\tb\r\nc\0", "'a\\tb\\r\\nc\\0'")]
    [InlineData("\u001b[31mred", "'\\u001B[31mred'")]
    [InlineData("abc\u202Eevil", "'abc\\u202Eevil'")]
    [InlineData("Grüße 日本語 👍🏽", "'Grüße 日本語 👍🏽'")]
    public void Quote_ShortText_EscapesControlAndReorderingCharactersOnly(string content, string expected)
    {
        // Given short file content, when it is quoted, then only the characters that could disturb a terminal are escaped
        Assert.Equal(expected, MessageText.Quote(content));
    }

    [Fact]
    public void Excerpt_LongText_KeepsTheFirstSixtyCharactersAndAnEllipsis()
    {
        // Given 100 KB of text, when it is excerpted, then 60 characters and an ellipsis are kept
        Assert.Equal(new string('x', 60) + "...", MessageText.Excerpt(new string('x', 100_000)));
        Assert.Equal(new string('x', 60), MessageText.Excerpt(new string('x', 60)));
    }

    [Fact]
    public void Excerpt_CutAtAnEscapeOrASurrogatePair_NeverSplitsIt()
    {
        // Given text whose 60-character cut falls inside an escape and inside an emoji
        string escapes = new string('x', 59) + "\0";
        string emoji = new string('x', 59) + "👍👍";

        // When they are excerpted, then the escape and the emoji are left out whole, not cut in half
        Assert.Equal(new string('x', 59) + "...", MessageText.Excerpt(escapes));
        Assert.Equal(new string('x', 59) + "...", MessageText.Excerpt(emoji));
    }

    [Fact]
    public void FileName_LongPath_KeepsItsStartAndItsEndWithinTheBound()
    {
        // Given a path of 10,000 characters
        string path = "/start/" + new string('m', 10_000) + "/name.png";

        // When it is shown, then it keeps its start and its end around an ellipsis, within the bound
        string shown = MessageText.FileName(path);
        Assert.Equal(MessageText.MaxFileNameLength, shown.Length);
        Assert.StartsWith("/start/mmm", shown);
        Assert.EndsWith("mmm/name.png", shown);
        Assert.Contains("m...m", shown);
    }

    [Fact]
    public void FileName_ShortPathWithControlCharacters_IsEscapedWhole()
    {
        // Given a short path with a line break, when it is shown, then it is whole and escaped
        Assert.Equal("data/a\\nb.png", MessageText.FileName("data/a\nb.png"));
    }
}
