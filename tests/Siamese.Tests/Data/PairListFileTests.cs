using Siamese.Data;

namespace Siamese.Tests.Data;

public class PairListFileTests
{
    [Fact]
    public void Read_TabSeparatedWithCommentsAndBlankLines_ResolvesPathsAgainstTheFilesFolder()
    {
        // Given a pair list in a subfolder with comments, blank lines, relative and absolute paths, and all four words
        using var temp = new TempFolder();
        string folder = Directory.CreateDirectory(temp.File("lists")).FullName;
        string path = Path.Combine(folder, "pairs.tsv");
        File.WriteAllText(path, string.Join('\n',
            "# left\tright\tlabel",
            "",
            "a.png\timages/b.png\tsame",
            "   # indented comment",
            "/abs/c.png\t../d.png\tdifferent",
            "e.png\tf.png\tGenuine",
            "  g.png \t h.png\t impostor  ",
            "   "));

        // When it is read
        IReadOnlyList<PairListEntry> pairs = PairListFile.Read(path);

        // Then there are four pairs with paths resolved against the list's folder and the labels mapped
        Assert.Equal(
            [
                new PairListEntry(Path.Combine(folder, "a.png"), Path.Combine(folder, "images", "b.png"), true, 3),
                new PairListEntry("/abs/c.png", Path.Combine(temp.Path, "d.png"), false, 5),
                new PairListEntry(Path.Combine(folder, "e.png"), Path.Combine(folder, "f.png"), true, 6),
                new PairListEntry(Path.Combine(folder, "g.png"), Path.Combine(folder, "h.png"), false, 7),
            ],
            pairs);
    }

    [Fact]
    public void Read_CommaSeparatedWithWindowsLineEnds_IsAccepted()
    {
        // Given a CSV pair list with CRLF line ends
        using var temp = new TempFolder();
        string path = temp.File("pairs.csv");
        File.WriteAllText(path, "x.png,y.png,different\r\nx.png,z.png,same\r\n");

        // When it is read
        IReadOnlyList<PairListEntry> pairs = PairListFile.Read(path);

        // Then both pairs are there
        Assert.Equal([false, true], pairs.Select(p => p.IsSame));
        Assert.Equal(temp.File("z.png"), pairs[1].RightPath);
        Assert.Equal([1, 2], pairs.Select(p => p.LineNumber));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    public void Read_NumericLabel_IsRejectedAsAmbiguousWithItsLineNumber(string label)
    {
        // Given a numeric label on line 3
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, $"# pairs\na.png\tb.png\tsame\na.png\tc.png\t{label}\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));

        // Then the message names the file and line and explains why numbers are refused
        Assert.Equal(
            $"{path}: line 3: label '{label}' is ambiguous (papers disagree on whether {label} means same or different); write 'same' or 'different'",
            error.Message);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Read_UnknownLabel_ListsTheAcceptedWords()
    {
        // Given the label "maybe" on line 2
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "a.png\tb.png\tsame\na.png\tc.png\tmaybe\n");

        // When it is read, then the label and the accepted words are in the message
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));
        Assert.Equal($"{path}: line 2: unknown label 'maybe'; expected same, different, genuine or impostor", error.Message);
    }

    [Theory]
    [InlineData("a.png\tb.png", 2)]
    [InlineData("a.png\tb.png\tsame\textra", 4)]
    public void Read_WrongNumberOfFields_ReportsExpectedAndFound(string line, int found)
    {
        // Given a line with the wrong number of fields after a comment
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, $"# header\n{line}\n");

        // When it is read, then the line and the field counts are reported
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));
        Assert.Equal($"{path}: line 2: expected 3 tab-separated fields (left path, right path, label), found {found}", error.Message);
    }

    [Fact]
    public void Read_SpaceSeparatedLine_ReportsOneCommaSeparatedField()
    {
        // Given fields separated by spaces, which the format does not allow
        using var temp = new TempFolder();
        string path = temp.File("pairs.txt");
        File.WriteAllText(path, "a.png b.png same\n");

        // When it is read, then the line is rejected
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));
        Assert.Equal($"{path}: line 1: expected 3 comma-separated fields (left path, right path, label), found 1", error.Message);
    }

    [Fact]
    public void Read_EmptyPath_NamesTheSide()
    {
        // Given an empty right path
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "a.png\t \tsame\n");

        // When it is read, then the empty field is reported
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));
        Assert.Equal($"{path}: line 1: expected the right image path, found an empty field", error.Message);
    }

    [Fact]
    public void Read_MissingFile_SaysFileNotFound()
    {
        // Given no file
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");

        // When it is read, then it is reported missing
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public void Read_LineOverTheLimit_IsRefusedWithItsNumberBeforeItIsReadWhole()
    {
        // Given a pair list whose first line is a 50 MB path
        using var temp = new TempFolder();
        string path = LongLineFile.Write(temp.File("pairs.tsv"), "", 50_000_000, "\tb.png\tsame\n");

        // When it is read
        var (error, allocated) = LongLineFile.Throws<DataFormatException>(() => PairListFile.Read(path));

        // Then the line is refused by its length, without reading it whole
        Assert.Equal($"{path}: line 1: the line is longer than 100,000 characters (the longest line accepted)", error.Message);
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Read_LabelOfTenThousandNulBytes_IsQuotedShortAndEscaped()
    {
        // Given a label of 10,000 NUL bytes
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "a.png\tb.png\t" + new string('\0', 10_000) + "\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => PairListFile.Read(path));

        // Then the message shows the first characters escaped, then an ellipsis
        string shown = string.Concat(Enumerable.Repeat("\\0", 30)) + "...";
        Assert.Equal($"{path}: line 1: unknown label '{shown}'; expected same, different, genuine or impostor", error.Message);
    }

    [Fact]
    public void Read_CarriageReturnLineEnds_ReadsEachLine()
    {
        // Given a pair list with old Mac line ends (CR only)
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "# pairs\ra.png\tb.png\tsame\ra.png\tc.png\tdifferent\r");

        // When it is read, then each CR ends a line
        Assert.Equal([(2, true), (3, false)], PairListFile.Read(path).Select(p => (p.LineNumber, p.IsSame)));
    }

    [Fact]
    public void Read_OnlyComments_GivesNoPairs()
    {
        // Given a file with only a comment, when it is read, then there are no pairs
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "# nothing yet\n");
        Assert.Empty(PairListFile.Read(path));
    }

    [Fact]
    public void Write_ThenRead_GivesBackTheSamePairsWithRelativePathsInTheFile()
    {
        // Given pairs inside and outside the list's folder, one file name starting with '#'
        using var temp = new TempFolder();
        string folder = Directory.CreateDirectory(temp.File("lists")).FullName;
        string path = Path.Combine(folder, "pairs.tsv");
        PairListEntry[] pairs =
        [
            new(Path.Combine(folder, "a.png"), Path.Combine(folder, "sub", "b.png"), true),
            new(temp.File("outside.png"), Path.Combine(folder, "#hash.png"), false),
        ];

        // When they are written and read back
        PairListFile.Write(path, pairs);
        IReadOnlyList<PairListEntry> read = PairListFile.Read(path);

        // Then the paths, labels and order survive; the file uses relative paths and words
        Assert.Equal(pairs.Select(p => (p.LeftPath, p.RightPath, p.IsSame)), read.Select(p => (p.LeftPath, p.RightPath, p.IsSame)));
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(["a.png\tsub/b.png\tsame", "../outside.png\t./#hash.png\tdifferent"], lines.Where(l => !l.StartsWith('#')));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void Write_PathWithTab_ThrowsAndLeavesExistingFile()
    {
        // Given an existing list and a pair whose path contains a tab
        using var temp = new TempFolder();
        string path = temp.File("pairs.tsv");
        File.WriteAllText(path, "old\n");
        PairListEntry[] pairs = [new("a\tb.png", "c.png", true)];

        // When it is written, then it is rejected and the old file is untouched
        Assert.Throws<ArgumentException>(() => PairListFile.Write(path, pairs));
        Assert.Equal("old\n", File.ReadAllText(path));
    }
}
