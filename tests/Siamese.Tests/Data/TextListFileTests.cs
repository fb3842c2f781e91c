using System.Text;
using Siamese.Data;

namespace Siamese.Tests.Data;

public class TextListFileTests
{
    [Fact]
    public void Read_BlankLinesAndSurroundingSpace_SkipsAndTrims()
    {
        // Given a file with a byte-order mark, CRLF and LF line ends, blank and white-space-only lines, and padded texts
        using var temp = new TempFolder();
        string path = temp.File("texts.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("  first text \r\n\n   \t\r\nsecond\tpart\ncafé au lait\n\n  last")]);

        // When it is read
        var texts = TextListFile.Read(path);

        // Then the non-blank lines come back trimmed, inner white space kept, in order
        Assert.Equal(["first text", "second\tpart", "café au lait", "last"], texts);
    }

    [Fact]
    public void Read_InvalidUtf8_ThrowsNamingFileAndLine()
    {
        // Given a file whose third line holds a byte that is not UTF-8
        using var temp = new TempFolder();
        string path = temp.File("latin1.txt");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("ok\n\n"), .. "caf"u8, 0xE9, .. "\nmore\n"u8]);

        // When it is read
        var ex = Assert.Throws<DataFormatException>(() => TextListFile.Read(path));

        // Then the error names the file and line 3
        Assert.Equal(path, ex.FilePath);
        Assert.Equal(3, ex.LineNumber);
        Assert.StartsWith($"{path}: line 3:", ex.Message);
        Assert.Contains("UTF-8", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n\t\r\n")]
    public void Read_NoText_Throws(string content)
    {
        using var temp = new TempFolder();
        string path = temp.File("empty.txt");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<DataFormatException>(() => TextListFile.Read(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains("no text", ex.Message);
    }

    [Fact]
    public void Read_MissingFileOrFolder_Throws()
    {
        using var temp = new TempFolder();
        string missing = temp.File("nope.txt");

        var ex = Assert.Throws<DataFormatException>(() => TextListFile.Read(missing));
        Assert.Equal(missing, ex.FilePath);
        Assert.Contains("not found", ex.Message);

        var folder = Assert.Throws<DataFormatException>(() => TextListFile.Read(temp.Path));
        Assert.Contains("folder", folder.Message);
    }

    [Fact]
    public void Read_CarriageReturnLineEnds_ReadsEachLine()
    {
        // Given texts separated by old Mac line ends (CR only), a CRLF among them and a lone CR at the end
        using var temp = new TempFolder();
        string path = temp.File("mac.txt");
        File.WriteAllText(path, "first\rsecond\r\nthird\r\rlast\r");

        // When it is read, then every CR, LF or CRLF ends a line
        Assert.Equal(["first", "second", "third", "last"], TextListFile.Read(path));
    }

    [Fact]
    public void Read_LineOverTheLimit_ThrowsNamingTheLine()
    {
        using var temp = new TempFolder();
        string path = temp.File("long.txt");
        File.WriteAllText(path, "short\n" + new string('x', TextListFile.MaxLength + 1) + "\n");

        var ex = Assert.Throws<DataFormatException>(() => TextListFile.Read(path));

        Assert.Equal(2, ex.LineNumber);
    }
}
