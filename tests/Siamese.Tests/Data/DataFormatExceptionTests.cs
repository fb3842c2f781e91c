using Siamese.Data;

namespace Siamese.Tests.Data;

public class DataFormatExceptionTests
{
    [Fact]
    public void Constructor_ProblemWithLineBreaks_GivesOneLineMessageStartingWithThePath()
    {
        // Given a problem description that spans lines and a low-level cause
        var cause = new IOException("disk said no");

        // When the error is made
        var error = new DataFormatException("data/x.idx", "expected one thing,\nfound\r\nanother", cause);

        // Then the message is one line that starts with the path, and the path, cause and absent line are kept
        Assert.Equal("data/x.idx: expected one thing, found another", error.Message);
        Assert.Equal("data/x.idx", error.FilePath);
        Assert.Null(error.LineNumber);
        Assert.Same(cause, error.InnerException);
    }

    [Fact]
    public void Constructor_WithLineNumber_PutsTheLineAfterThePath()
    {
        // Given a problem on line 12, when the error is made, then the message and properties name the line
        var error = new DataFormatException("pairs.tsv", 12, "unknown label 'x'");
        Assert.Equal("pairs.tsv: line 12: unknown label 'x'", error.Message);
        Assert.Equal(12, error.LineNumber);
        Assert.Equal("pairs.tsv", error.FilePath);
    }

    [Fact]
    public void Constructor_PathWithControlCharacters_ShowsThemEscaped()
    {
        // Given a file name holding an escape sequence, a line break and a tab
        string path = "data/\u001b[2Jx\ny\tz.txt";

        // When the error is made
        var error = new DataFormatException(path, 3, "problem");

        // Then the name is shown escaped, on one line, and kept as given in FilePath
        Assert.Equal("data/\\u001B[2Jx\\ny\\tz.txt: line 3: problem", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Constructor_VeryLongPath_ShowsItsStartAndItsEnd()
    {
        // Given a path of 50,000 characters
        string path = "/data/" + new string('d', 49_990) + "/x.png";

        // When the error is made
        var error = new DataFormatException(path, "file not found");

        // Then the message shows the start and the end of the name around an ellipsis, bounded
        Assert.StartsWith("/data/ddd", error.Message);
        Assert.EndsWith("ddd/x.png: file not found", error.Message);
        Assert.Contains("...", error.Message);
        Assert.True(error.Message.Length < 300, $"{error.Message.Length} characters");
    }
}
