using System.Text;
using Siamese.Data;

namespace Siamese.Tests.Data;

public class EpisodeFileTests
{
    private static string WriteFile(TempFolder temp, string relativePath, string text, bool byteOrderMark = false)
    {
        string path = temp.File(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }

    [Fact]
    public void Read_RelativePaths_AreResolvedAgainstTheFilesFolder()
    {
        // Given an episode file in a sub-folder with relative paths, one going up, and one absolute path
        using var temp = new TempFolder();
        string absolute = Path.Combine(temp.Path, "elsewhere", "x.png");
        string path = WriteFile(temp, Path.Combine("run01", "class_labels.txt"), $"test/q.png\ttrain/c1.png\t../shared/c2.png\t{absolute}\n");

        // When read
        var trials = EpisodeFile.Read(path);

        // Then the paths are absolute, relative to run01/
        var trial = Assert.Single(trials);
        string folder = Path.Combine(temp.Path, "run01");
        Assert.Equal(Path.Combine(folder, "test", "q.png"), trial.Query);
        Assert.Equal([Path.Combine(folder, "train", "c1.png"), Path.Combine(temp.Path, "shared", "c2.png"), absolute], trial.Candidates);
        Assert.Equal(3, trial.Way);
        Assert.Equal(1, trial.LineNumber);
    }

    [Fact]
    public void Read_CommentsBlankLinesAndSpaces_AreSkippedOrTrimmed()
    {
        // Given comments, empty and blank lines, spaces around fields and Windows line endings
        using var temp = new TempFolder();
        string path = WriteFile(temp, "e.txt", "# 20-way trials\r\n\r\n   \r\n  q1.png \t c1.png\t d1.png  \r\n\t# not a trial\r\nq2.png\tc2.png\td2.png\te2.png\r\n");

        // When read
        var trials = EpisodeFile.Read(path);

        // Then two trials remain, with their line numbers and trimmed paths
        Assert.Equal(2, trials.Count);
        Assert.Equal((4, 2, temp.File("q1.png")), (trials[0].LineNumber, trials[0].Way, trials[0].Query));
        Assert.Equal([temp.File("c1.png"), temp.File("d1.png")], trials[0].Candidates);
        Assert.Equal((6, 3, temp.File("q2.png")), (trials[1].LineNumber, trials[1].Way, trials[1].Query));
    }

    [Fact]
    public void Read_ByteOrderMark_IsNotPartOfTheFirstPath()
    {
        using var temp = new TempFolder();
        string path = WriteFile(temp, "bom.txt", "q.png\tc.png\td.png\n", byteOrderMark: true);
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

        var trial = Assert.Single(EpisodeFile.Read(path));

        Assert.Equal(temp.File("q.png"), trial.Query);
    }

    [Theory]
    [InlineData("q.png\tc.png\td.png\nq.png\tc.png\n", 2, "found 2 field(s)")]
    [InlineData("# only the query\nq.png\n", 2, "found 1 field(s)")]
    [InlineData("q.png c.png d.png\n", 1, "tab-separated")]
    [InlineData("q.png\t \td.png\n", 1, "field 2 is empty")]
    [InlineData("q.png\tc.png\td.png\t\n", 1, "field 4 is empty")]
    [InlineData("q\0.png\tc.png\t \n", 1, "field 3 is empty")]
    public void Read_BadLine_ThrowsNamingFileAndLine(string text, int line, string expected)
    {
        using var temp = new TempFolder();
        string path = WriteFile(temp, "bad.txt", text);

        var ex = Assert.Throws<DataFormatException>(() => EpisodeFile.Read(path));

        Assert.Equal(line, ex.LineNumber);
        Assert.StartsWith($"{path}: line {line}: ", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but comments\n\n  \n")]
    public void Read_NoTrials_Throws(string text)
    {
        using var temp = new TempFolder();
        string path = WriteFile(temp, "empty.txt", text);

        var ex = Assert.Throws<DataFormatException>(() => EpisodeFile.Read(path));

        Assert.StartsWith(path, ex.Message);
        Assert.Contains("holds no trials", ex.Message);
        Assert.Null(ex.LineNumber);
    }

    [Fact]
    public void Read_LineOverTheLimit_IsRefusedWithItsNumberBeforeItIsReadWhole()
    {
        // Given an episode file whose second line is a 50 MB path (the hostile-input sweep's case)
        using var temp = new TempFolder();
        string path = LongLineFile.Write(temp.File("episodes.txt"), "q.png\tc.png\td.png\n", 50_000_000, "\tc.png\td.png\n");

        // When it is read
        var (error, allocated) = LongLineFile.Throws<DataFormatException>(() => EpisodeFile.Read(path));

        // Then the line is refused by its length, without its content in the message and without reading it whole
        Assert.Equal($"{path}: line 2: the line is longer than 100,000 characters (the longest line accepted)", error.Message);
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Read_CarriageReturnLineEnds_ReadsEachLine()
    {
        // Given an episode file with old Mac line ends (CR only)
        using var temp = new TempFolder();
        string path = WriteFile(temp, "mac.txt", "# trials\rq1.png\tc.png\td.png\rq2.png\tc.png\td.png\r");

        // When it is read, then each CR ends a line
        Assert.Equal([2, 3], EpisodeFile.Read(path).Select(t => t.LineNumber));
    }

    [Fact]
    public void Read_InvalidUtf8_IsRefusedNamingTheLine()
    {
        // Given a Latin-1 'é' (0xE9) in a path on line 2
        using var temp = new TempFolder();
        string path = temp.File("latin1.txt");
        File.WriteAllBytes(path, [.. "q.png\tc.png\td.png\ncaf"u8, 0xE9, .. ".png\tc.png\td.png\n"u8]);

        // When it is read, then the line is named instead of a path with a replacement character being looked for later
        var ex = Assert.Throws<DataFormatException>(() => EpisodeFile.Read(path));
        Assert.Equal($"{path}: line 2: expected UTF-8 text, found invalid bytes (0xE9); save the file as UTF-8", ex.Message);
    }

    [Fact]
    public void Read_MissingFileOrFolder_Throws()
    {
        using var temp = new TempFolder();

        var missing = Assert.Throws<DataFormatException>(() => EpisodeFile.Read(temp.File("nope.txt")));
        var folder = Assert.Throws<DataFormatException>(() => EpisodeFile.Read(temp.Path));

        Assert.Contains("not found", missing.Message);
        Assert.Equal(temp.File("nope.txt"), missing.FilePath);
        Assert.Contains("found a folder", folder.Message);
    }
}
