using System.Text;
using Siamese.Data;
using Siamese.Samplers;

namespace Siamese.Tests.Data;

public class TextPairFileTests
{
    private static readonly TextPairColumns Binary = new(
        "sentence1", "sentence2", "label", new TextPairBinaryLabels(["1", "same", "duplicate"], ["0", "different"]));

    private static readonly TextPairColumns Graded = new("sentence1", "sentence2", "score", new TextPairScoreRange(0, 5));

    [Fact]
    public void Read_QuotedCsvFields_KeepsDelimitersLineBreaksAndDoubledQuotes()
    {
        // Given a CSV whose quoted fields hold commas, a tab, a line break and doubled quotes
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv",
            "sentence1,sentence2,label\n" +
            "\"Hello, world\",\"She said \"\"hi\"\".\",1\n" +
            "\"two\nlines\",\"a\tb\",0\n" +
            "plain \"inner\" quote,x,same\n");

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);

        // Then the fields are unquoted exactly and each record keeps the line it starts on
        Assert.Equal(
            [
                TextPair.WithRelation("Hello, world", "She said \"hi\".", PairRelation.Same, 2),
                TextPair.WithRelation("two\nlines", "a\tb", PairRelation.Different, 3),
                TextPair.WithRelation("plain \"inner\" quote", "x", PairRelation.Same, 5),
            ],
            pairs);
    }

    [Fact]
    public void Read_QuotedLineBreakWithWindowsLineEnds_KeepsTheLineBreakAsWritten()
    {
        // Given a CRLF file with a quoted field that spans three lines
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\r\n\"a\r\n\r\nb\",c,1\r\nd,e,0\r\n");

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);

        // Then the embedded line breaks are kept and the next record's line number counts them
        Assert.Equal("a\r\n\r\nb", pairs[0].Text1);
        Assert.Equal([2, 5], pairs.Select(p => p.LineNumber));
        Assert.Equal("c", pairs[0].Text2);
    }

    [Fact]
    public void Read_TsvWithQuotedFieldsAndCommas_SplitsOnTabsOnly()
    {
        // Given a TSV whose texts contain commas, a quoted tab and extra columns in another order
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv",
            "id\tlabel\tsentence2\tsentence1\n" +
            "7\tduplicate\tb, c\ta, b\n" +
            "8\tDIFFERENT\t\"x\ty\"\tz\n");

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);

        // Then the columns are found by name and commas stay inside the texts
        Assert.Equal(
            [
                TextPair.WithRelation("a, b", "b, c", PairRelation.Same, 2),
                TextPair.WithRelation("z", "x\ty", PairRelation.Different, 3),
            ],
            pairs);
    }

    [Theory]
    [InlineData("pairs.tsv", "sentence1,x\tsentence2\tlabel\na,b\tc\t1\n", "a,b")]
    [InlineData("pairs.TAB", "sentence1\tsentence2\tlabel\na,b\tc\t1\n", "a,b")]
    [InlineData("pairs.csv", "sentence1,sentence2,label\na\tb,c,1\n", "a\tb")]
    [InlineData("pairs.txt", "sentence1\tsentence2\tlabel\na,b\tc\t1\n", "a,b")]
    [InlineData("pairs.txt", "sentence1,sentence2,label\na\tb,c,1\n", "a\tb")]
    public void Read_NoDelimiterGiven_ChoosesItFromTheExtensionOrTheHeader(string name, string content, string text1)
    {
        // Given a file whose extension or header line decides the delimiter
        using var temp = new TempFolder();
        string path = Write(temp, name, content);
        var columns = name.EndsWith(".tsv", StringComparison.Ordinal)
            ? new TextPairColumns("sentence1,x", "sentence2", "label", Binary.Labels)
            : Binary;

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, columns);

        // Then the first text is split as that delimiter says
        Assert.Equal(text1, Assert.Single(pairs).Text1);
    }

    [Fact]
    public void Read_DelimiterGiven_OverridesTheExtension()
    {
        // Given a semicolon-separated file named .csv
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1;sentence2;label\n\"a;b\";c,d;0\n");

        // When it is read with ';' as the delimiter
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary, ';');

        // Then the fields are split on semicolons only
        Assert.Equal(TextPair.WithRelation("a;b", "c,d", PairRelation.Different, 2), Assert.Single(pairs));
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsDroppedBeforeTheFirstColumnName()
    {
        // Given a UTF-8 file with a byte-order mark before the first header name
        using var temp = new TempFolder();
        string path = temp.File("pairs.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("sentence1,sentence2,label\nÄ,b,1\n")]);

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);

        // Then the first column is found and the text is intact
        Assert.Equal("Ä", Assert.Single(pairs).Text1);
    }

    [Fact]
    public void Read_MultilingualText_RoundTripsExactly()
    {
        // Given texts in German, Japanese, Arabic, with emoji, combining marks and surrounding spaces
        string[] texts = ["Grüße aus Köln", "日本語のテキスト", "مرحبا بالعالم", "👍🏽 family: 👨‍👩‍👧", "e\u0301 vs é", "  spaced  "];
        using var temp = new TempFolder();
        var content = new StringBuilder("sentence1\tsentence2\tlabel\n");
        for (int i = 0; i + 1 < texts.Length; i += 2)
        {
            content.Append(texts[i]).Append('\t').Append(texts[i + 1]).Append("\tsame\n");
        }

        string path = Write(temp, "pairs.tsv", content.ToString());

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);

        // Then every text comes back with the same UTF-16 code units, not normalised or trimmed
        Assert.Equal(texts, pairs.SelectMany(p => new[] { p.Text1, p.Text2 }));
    }

    [Fact]
    public void Read_GradedScores_RescalesTheDeclaredRangeToZeroOne()
    {
        // Given STS-style scores from 0 to 5
        using var temp = new TempFolder();
        string path = Write(temp, "sts.csv", "sentence1,sentence2,score\na,b,0\nc,d,2.5\ne,f, 5.0 \ng,h,3.8\n");

        // When it is read with the range 0 to 5
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Graded);

        // Then the scores are rescaled to [0, 1], the raw values are kept, and no relation is set
        Assert.Equal(new[] { 0.0, 0.5, 1.0, 0.76 }, pairs.Select(p => p.Score!.Value), new Tolerance(1e-12));
        Assert.Equal([0.0, 2.5, 5.0, 3.8], pairs.Select(p => p.RawScore!.Value));
        Assert.All(pairs, p => Assert.Null(p.Relation));
    }

    [Fact]
    public void Read_NegativeRange_RescalesFromMinimum()
    {
        // Given a score of 0 in the range -1 to 1
        using var temp = new TempFolder();
        string path = Write(temp, "sts.csv", "sentence1,sentence2,score\na,b,0\nc,d,-1\n");
        var columns = new TextPairColumns("sentence1", "sentence2", "score", new TextPairScoreRange(-1, 1));

        // When it is read, then it lands in the middle and the minimum at 0
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, columns);
        Assert.Equal([0.5, 0.0], pairs.Select(p => p.Score!.Value));
    }

    [Fact]
    public void Read_BinaryMapping_MapsTheStatedValuesWithoutRegardToCase()
    {
        // Given labels from both lists in mixed case with spaces, and blank lines between records
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "\nsentence1,sentence2,label\n\na,b,1\n   \nc,d, Duplicate \ne,f,0\ng,h,DIFFERENT\n\n");

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);

        // Then the relations follow the mapping, the blank lines are skipped but counted, and no score is set
        Assert.Equal(
            [PairRelation.Same, PairRelation.Same, PairRelation.Different, PairRelation.Different],
            pairs.Select(p => p.Relation!.Value));
        Assert.Equal([4, 6, 7, 8], pairs.Select(p => p.LineNumber));
        Assert.All(pairs, p => Assert.Null(p.Score));
    }

    [Fact]
    public void Read_ColumnNamesInOtherCase_AreFound()
    {
        // Given a header in upper case with spaces around the names
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", " SENTENCE1 , Sentence2,LABEL\na,b,1\n");

        // When it is read, then the columns are found
        Assert.Equal("a", Assert.Single(TextPairFile.Read(path, Binary)).Text1);
    }

    [Fact]
    public void Read_MissingColumn_ListsTheColumnsFound()
    {
        // Given a header without the label column
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "\nsentence1,sentence2,is_duplicate\na,b,1\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the message names the file, the header line, the missing column and the columns found
        Assert.Equal(
            $"{path}: line 2: column 'label' not found in the header; columns found (comma-separated): 'sentence1', 'sentence2', 'is_duplicate'",
            error.Message);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void Read_TabSeparatedHeaderInCsvFile_HintsAtTheDelimiter()
    {
        // Given a tab-separated file named .csv
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1\tsentence2\tlabel\na\tb\t1\n");

        // When it is read, then the message suggests that the delimiter is wrong
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.StartsWith($"{path}: line 1: column 'sentence1' not found in the header; columns found (comma-separated): 'sentence1", error.Message);
        Assert.EndsWith("; the header has tabs, so the delimiter may be wrong", error.Message);
    }

    [Fact]
    public void Read_DuplicateColumn_IsRejected()
    {
        // Given a header naming the label column twice
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label,Label\na,b,1,0\n");

        // When it is read, then the ambiguity is reported
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal($"{path}: line 1: column 'label' appears more than once in the header (columns 3 and 4)", error.Message);
    }

    [Theory]
    [InlineData("a,b", "found 2 (column 'label' and any after it are missing)")]
    [InlineData("a,b,1,extra", "found 4 (1 more than the header's columns)")]
    public void Read_WrongNumberOfFields_ReportsLineAndColumn(string record, string found)
    {
        // Given a record with too few or too many fields on line 3
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", $"sentence1,sentence2,label\nx,y,0\n{record}\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the counts and the line are reported
        Assert.Equal($"{path}: line 3: expected 3 comma-separated fields as in the header, {found}", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Theory]
    [InlineData("high", "'high'")]
    [InlineData("3,5", "'3,5'")]
    [InlineData("NaN", "'NaN'")]
    [InlineData("", "an empty field")]
    public void Read_NonNumericScore_NamesColumnAndValue(string score, string found)
    {
        // Given a quoted score that is not a number on line 2 (a decimal comma included)
        using var temp = new TempFolder();
        string path = Write(temp, "sts.csv", $"sentence1,sentence2,score\na,b,\"{score}\"\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Graded));

        // Then the column, the value and the expected form are named
        Assert.Equal(
            $"{path}: line 2: column 'score': expected a number from 0 to 5 (with '.' as the decimal point), found {found}",
            error.Message);
    }

    [Theory]
    [InlineData("5.01")]
    [InlineData("-0.5")]
    public void Read_ScoreOutsideRange_NamesColumnValueAndRange(string score)
    {
        // Given a score outside 0 to 5 on line 3
        using var temp = new TempFolder();
        string path = Write(temp, "sts.tsv", $"sentence1\tsentence2\tscore\na\tb\t1\nc\td\t{score}\n");

        // When it is read, then the value and the declared range are reported
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Graded));
        Assert.Equal($"{path}: line 3: column 'score': score {score} is outside the declared range 0 to 5", error.Message);
    }

    [Theory]
    [InlineData("maybe", "'maybe'")]
    [InlineData("2", "'2'")]
    [InlineData(" ", "an empty field")]
    public void Read_LabelInNeitherList_ListsBothMappings(string label, string found)
    {
        // Given a label value outside the stated mapping on line 2
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", $"sentence1\tsentence2\tlabel\na\tb\t{label}\n");

        // When it is read, then the value and both lists are reported
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal(
            $"{path}: line 2: column 'label': expected a same label ('1', 'same', 'duplicate') or a different label ('0', 'different'), found {found}",
            error.Message);
    }

    [Theory]
    [InlineData("a,,1", "sentence2")]
    [InlineData("\" \",b,1", "sentence1")]
    public void Read_EmptyText_NamesTheColumn(string record, string column)
    {
        // Given an empty or blank text on line 3
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", $"sentence1,sentence2,label\nx,y,0\n{record}\n");

        // When it is read, then the column is named
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal($"{path}: line 3: column '{column}': expected a text, found an empty field", error.Message);
    }

    [Fact]
    public void Read_OneMegabyteLine_IsRejectedWithItsLineNumber()
    {
        // Given a 1 MB line on line 3 between valid records
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", $"sentence1,sentence2,label\na,b,1\n{new string('x', 1_000_000)},b,1\nc,d,0\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the line is reported as too long
        Assert.Equal($"{path}: line 3: the line is longer than 100,000 characters (the longest line accepted)", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void Read_LineJustOverTheLimitInMultibyteCharacters_IsRejected()
    {
        // Given a line of 100,001 characters of three bytes each (fewer bytes than the byte cap)
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", $"sentence1,sentence2,label\n{new string('語', TextPairFile.MaxLength - 3)},b,1\n");

        // When it is read, then it is rejected by its character count
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal($"{path}: line 2: the line is longer than 100,000 characters (the longest line accepted)", error.Message);
    }

    [Fact]
    public void Read_LineAtTheLimit_IsAccepted()
    {
        // Given a line of exactly 100,000 characters
        using var temp = new TempFolder();
        string text = new('y', TextPairFile.MaxLength - 4);
        string path = Write(temp, "pairs.csv", $"sentence1,sentence2,label\n{text},b,1\n");

        // When it is read, then the long text is kept
        Assert.Equal(text, Assert.Single(TextPairFile.Read(path, Binary)).Text1);
    }

    [Fact]
    public void Read_QuotedFieldOverManyLinesPastTheLimit_NamesColumnAndOpeningLine()
    {
        // Given a quoted text on line 2 that runs over 2,000 lines of 60 characters
        using var temp = new TempFolder();
        string body = string.Concat(Enumerable.Repeat(new string('z', 60) + "\n", 2_000));
        string path = Write(temp, "pairs.csv", $"sentence1,sentence2,label\na,\"{body}\",1\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the field, its column and the record's line are reported
        Assert.Equal(
            $"{path}: line 2: column 'sentence2' is longer than 100,000 characters (the longest field accepted) (is the quote opened on line 2 never closed?)",
            error.Message);
    }

    [Fact]
    public void Read_UnterminatedQuote_ReportsTheLineWhereItOpened()
    {
        // Given a quote opened on line 3 and never closed
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\na,b,1\nc,\"d\ne,f,0\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the opening line and the column are named
        Assert.Equal($"{path}: line 3: column 'sentence2': the quote opened on line 3 is never closed (end of file reached)", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsRejected()
    {
        // Given a stray character after a closing quote
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\n\"a\"b,c,1\n");

        // When it is read, then the column and the character are named
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal(
            $"{path}: line 2: column 'sentence1': expected a delimiter or the end of the line after the closing quote, found 'b' (write a quote inside a quoted field as \"\")",
            error.Message);
    }

    [Fact]
    public void Read_InvalidUtf8_ReportsTheLineAndBytes()
    {
        // Given a Latin-1 'ü' (0xFC) on line 3, after a long valid line so the bad byte is far into the file
        using var temp = new TempFolder();
        string path = temp.File("pairs.csv");
        byte[] head = Encoding.UTF8.GetBytes($"sentence1,sentence2,label\n{new string('a', 70_000)},b,1\nGr");
        byte[] tail = Encoding.UTF8.GetBytes("ße,x,0\n");
        File.WriteAllBytes(path, [.. head, 0xFC, .. tail]);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the line and the offending byte are named
        Assert.Equal($"{path}: line 3: expected UTF-8 text, found invalid bytes (0xFC); save the file as UTF-8", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void Read_HeaderOnly_SaysThereAreNoDataRows()
    {
        // Given a header followed by blank lines only
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\n\n\n");

        // When it is read, then the missing data rows are reported at the header line
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal($"{path}: line 1: expected data rows after the header row, found none", error.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysItIsEmpty()
    {
        // Given a file with a byte-order mark and blank lines only
        using var temp = new TempFolder();
        string path = temp.File("pairs.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'\n', (byte)' ', (byte)'\n']);

        // When it is read, then it is reported empty
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal($"{path}: expected a text pair file (CSV or TSV with a header row), found an empty file", error.Message);
    }

    [Fact]
    public void Read_Folder_SaysAFolderWasFound()
    {
        // Given a folder where the file should be, when it is read, then the message says what was expected
        using var temp = new TempFolder();
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(temp.Path, Binary));
        Assert.Equal($"{temp.Path}: expected a text pair file (CSV or TSV with a header row), found a folder", error.Message);
    }

    [Fact]
    public void Read_MissingFile_SaysFileNotFound()
    {
        // Given no file, when it is read, then it is reported missing
        using var temp = new TempFolder();
        string path = temp.File("pairs.csv");
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData('a')]
    public void Read_UnusableDelimiter_IsRejected(char delimiter)
    {
        // Given a delimiter that cannot separate fields, when a file is read with it, then it is refused
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\na,b,1\n");
        Assert.Throws<ArgumentException>(() => TextPairFile.Read(path, Binary, delimiter));
    }

    private static string Write(TempFolder temp, string name, string content)
    {
        string path = temp.File(name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
