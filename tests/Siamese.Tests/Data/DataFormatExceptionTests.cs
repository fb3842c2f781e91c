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
}
