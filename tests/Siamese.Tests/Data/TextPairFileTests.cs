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
    public void Read_QuotedTsvWithRfc4180Quoting_UnquotesFieldsAndSplitsOnTabsOnly()
    {
        // Given a quoted TSV whose texts contain commas, a quoted tab, a quoted line break and extra columns in another order
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv",
            "id\tlabel\tsentence2\tsentence1\n" +
            "7\tduplicate\tb, c\ta, b\n" +
            "8\tDIFFERENT\t\"x\ty\"\t\"z\n\"\"w\"\"\"\n");

        // When it is read with RFC 4180 quoting
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary, new TextPairFileFormat { Quoting = TextPairQuoting.Rfc4180 });

        // Then the columns are found by name, commas stay inside the texts and the quoted fields are unquoted
        Assert.Equal(
            [
                TextPair.WithRelation("a, b", "b, c", PairRelation.Same, 2),
                TextPair.WithRelation("z\n\"w\"", "x\ty", PairRelation.Different, 3),
            ],
            pairs);
    }

    [Fact]
    public void Read_QuotedTsvWithoutQuoting_SaysQuotesAreTextAndHowToTurnQuotingOn()
    {
        // Given a TSV that quotes a field holding a tab, read with the default (no quoting) for tab-separated files
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", "sentence1\tsentence2\tlabel\na\t\"x\ty\"\tsame\n");

        // When it is read, then the extra field is reported with the way to read quoted fields
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal(
            $"{path}: line 2: expected 3 tab-separated fields as in the header, found 4 (1 more than the header's columns); quotes are text in this file (no quoting): if it quotes fields that hold the delimiter, read it with RFC 4180 quoting (--quoting rfc4180)",
            error.Message);
    }

    [Fact]
    public void Read_CsvByDefault_KeepsRfc4180Quoting()
    {
        // Given a CSV whose quoted field holds a comma and whose unquoted field begins with text and holds a quote
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\n\"a, b\",5\" screen,1\n");

        // When it is read with the default format, then the quoted field is unquoted and the inner quote is text
        var pair = Assert.Single(TextPairFile.Read(path, Binary));
        Assert.Equal(("a, b", "5\" screen"), (pair.Text1, pair.Text2));
    }

    [Fact]
    public void Read_CsvWithQuotingNone_KeepsQuotesAsText()
    {
        // Given a comma-separated file whose texts begin with quotes
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "sentence1,sentence2,label\n\"Hi\" she said,\"yes,1\n");

        // When it is read without quoting, then each comma ends a field and the quotes are text
        var pair = Assert.Single(TextPairFile.Read(path, Binary, new TextPairFileFormat { Quoting = TextPairQuoting.None }));
        Assert.Equal(("\"Hi\" she said", "\"yes"), (pair.Text1, pair.Text2));
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
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary, new TextPairFileFormat { Delimiter = ';' });

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
    public void Read_TabSeparatedFileNamedCsv_IsReadAsTabSeparated()
    {
        // Given a tab-separated file named .csv, as the STS Benchmark files are, with a comma and a quote in a text
        using var temp = new TempFolder();
        string path = Write(temp, "sts.csv", "sentence1\tsentence2\tlabel\n\"a, b\tc\t1\n");

        // When it is read, then the tabs separate the fields, unquoted
        var pair = Assert.Single(TextPairFile.Read(path, Binary));
        Assert.Equal(("\"a, b", "c"), (pair.Text1, pair.Text2));
    }

    [Fact]
    public void Read_CommaSeparatedHeaderInTsvFile_HintsAtTheDelimiter()
    {
        // Given a comma-separated file named .tsv
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", "sentence1,sentence2,label\na,b,1\n");

        // When it is read, then the message suggests that the delimiter is wrong
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));
        Assert.Equal(
            $"{path}: line 1: column 'sentence1' not found in the header; columns found (tab-separated): 'sentence1,sentence2,label'; the header has commas, so the delimiter may be wrong",
            error.Message);
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
        Assert.Throws<ArgumentException>(() => TextPairFile.Read(path, Binary, new TextPairFileFormat { Delimiter = delimiter }));
    }

    [Fact]
    public void Read_TsvFieldsStartingWithAQuote_KeepTheQuoteAsText()
    {
        // Given STS Benchmark lines as published: tab-separated, unquoted, sentences that begin with a quote
        using var temp = new TempFolder();
        string path = Write(temp, "sts.tsv",
            "sentence1\tsentence2\tscore\n" +
            "\"Then the captain was gone.\tThen the captain came back.\t0.8\n" +
            "\"Leprechauns don't exist\" - fine.\t\"Elves don't exist\" - fine.\t3\n");

        // When it is read
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Graded);

        // Then a tab and a line end end every field and the quotes are part of the texts
        Assert.Equal(
            [
                ("\"Then the captain was gone.", "Then the captain came back.", 2),
                ("\"Leprechauns don't exist\" - fine.", "\"Elves don't exist\" - fine.", 3),
            ],
            pairs.Select(p => (p.Text1, p.Text2, p.LineNumber)));
    }

    [Fact]
    public void Read_TsvWithALoneQuote_KeepsItAndReadsTheNextLines()
    {
        // Given a text that is a single quote and one with an opening quote never closed
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", "sentence1\tsentence2\tlabel\n\"\tb\tsame\nc\t\"d\t0\ne\tf\t1\n");

        // When it is read, then each line is one record and the quotes are text
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);
        Assert.Equal([("\"", "b"), ("c", "\"d"), ("e", "f")], pairs.Select(p => (p.Text1, p.Text2)));
    }

    [Fact]
    public void Read_CarriageReturnLineEnds_ReadsEachLine()
    {
        // Given a whole file with old Mac line ends (CR only)
        using var temp = new TempFolder();
        string path = Write(temp, "mac.csv", "sentence1,sentence2,label\ra,b,1\rc,d,0\r");

        // When it is read, then each CR ends a record
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, Binary);
        Assert.Equal([("a", 2), ("c", 3)], pairs.Select(p => (p.Text1, p.LineNumber)));
    }

    [Fact]
    public void Read_LabelOfTenThousandNulBytes_IsQuotedShortAndEscaped()
    {
        // Given a label of 10,000 NUL bytes
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", "sentence1\tsentence2\tlabel\na\tb\t" + new string('\0', 10_000) + "\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the value is shown as its first characters escaped, then an ellipsis
        string shown = string.Concat(Enumerable.Repeat("\\0", 30)) + "...";
        Assert.Equal(
            $"{path}: line 2: column 'label': expected a same label ('1', 'same', 'duplicate') or a different label ('0', 'different'), found '{shown}'",
            error.Message);
    }

    [Fact]
    public void Read_MissingColumnInAHugeHeader_ListsABoundedPartOfIt()
    {
        // Given a header of 3,002 long column names, none of them the label column
        using var temp = new TempFolder();
        string header = "sentence1,sentence2," + string.Join(',', Enumerable.Range(0, 3_000).Select(i => $"column_{i}_{new string('n', 15)}"));
        string path = Write(temp, "pairs.csv", header + "\n");

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Binary));

        // Then the message lists the first columns and says how many more there are
        Assert.StartsWith($"{path}: line 1: column 'label' not found in the header; columns found (comma-separated): 'sentence1', 'sentence2', 'column_0_", error.Message);
        Assert.EndsWith("and 2,992 more", error.Message);
        Assert.True(error.Message.Length < 1_000, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Read_NoHeaderWithColumnNumbers_ReadsEveryLineAndIgnoresExtraTrailingFields()
    {
        // Given STS Benchmark lines without a header: 7 fields, or 9 with license fields after the second sentence
        using var temp = new TempFolder();
        string path = Write(temp, "sts-dev.csv",
            "main-captions\tMSRvid\t2012test\t0000\t5.000\tA man with a hard hat is dancing.\tA man wearing a hard hat is dancing.\n" +
            "main-news\theadlines\t2016\t0281\t2.5\tUS court limits power\tHigh court checks power\tEurope Media Monitor\tEurope Media Monitor\n" +
            "main-forum\tdeft-forum\t2014\t0092\t0\t\"Leprechauns don't exist\" - fine.\t\"Elves don't exist\" - fine.\n");

        // When columns 6 and 7 are read as the texts and column 5 as the score, without a header row
        var columns = new TextPairColumns("6", "7", "5", new TextPairScoreRange(0, 5));
        IReadOnlyList<TextPair> pairs = TextPairFile.Read(path, columns, new TextPairFileFormat { HasHeader = false });

        // Then every line is a pair, from line 1, and the fields after column 7 are ignored
        Assert.Equal(
            [
                ("A man with a hard hat is dancing.", "A man wearing a hard hat is dancing.", 5.0, 1),
                ("US court limits power", "High court checks power", 2.5, 2),
                ("\"Leprechauns don't exist\" - fine.", "\"Elves don't exist\" - fine.", 0.0, 3),
            ],
            pairs.Select(p => (p.Text1, p.Text2, p.RawScore!.Value, p.LineNumber)));
    }

    [Fact]
    public void Read_NoHeaderLineWithTooFewFields_NamesTheLineAndTheColumnsNeeded()
    {
        // Given a headerless line that stops after column 6
        using var temp = new TempFolder();
        string path = Write(temp, "sts.tsv", "g\tf\t2012\t1\t3\ta\tb\ng\tf\t2012\t2\t3\tonly one\n");
        var columns = new TextPairColumns("6", "7", "5", new TextPairScoreRange(0, 5));

        // When it is read, then the line and the count are reported
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns, new TextPairFileFormat { HasHeader = false }));
        Assert.Equal($"{path}: line 2: expected at least 7 tab-separated fields (the columns chosen go up to 7), found 6", error.Message);
    }

    [Fact]
    public void Read_NoHeaderBadScore_NamesTheColumnByNumber()
    {
        // Given a headerless file with a score out of range on line 2
        using var temp = new TempFolder();
        string path = Write(temp, "sts.tsv", "a\tb\t1\nc\td\t6\n");
        var columns = new TextPairColumns("1", "2", "3", new TextPairScoreRange(0, 5));

        // When it is read, then the column is named by its number
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns, new TextPairFileFormat { HasHeader = false }));
        Assert.Equal($"{path}: line 2: column 3: score 6 is outside the declared range 0 to 5", error.Message);
    }

    [Fact]
    public void Read_NoHeaderButTheFirstLineIsAHeader_SaysItLooksLikeOne()
    {
        // Given a file with a header row, read as if it had none
        using var temp = new TempFolder();
        string path = Write(temp, "sts.tsv", "sentence1\tsentence2\tscore\na\tb\t1\n");
        var columns = new TextPairColumns("1", "2", "3", new TextPairScoreRange(0, 5));

        // When it is read, then the message says the first line looks like a header
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns, new TextPairFileFormat { HasHeader = false }));
        Assert.Equal(
            $"{path}: line 1: column 3: expected a number from 0 to 5 (with '.' as the decimal point), found 'score'; the file is read without a header row, but this first line looks like one",
            error.Message);
    }

    [Fact]
    public void Read_NoHeaderWithANamedColumn_IsRefused()
    {
        // Given columns chosen partly by name, when a file without a header row is read, then the name is refused
        using var temp = new TempFolder();
        string path = Write(temp, "sts.tsv", "a\tb\t1\n");
        var columns = new TextPairColumns("1", "sentence2", "3", new TextPairScoreRange(0, 5));
        var error = Assert.Throws<ArgumentException>(() => TextPairFile.Read(path, columns, new TextPairFileFormat { HasHeader = false }));
        Assert.Equal(
            "column 'sentence2' is a header name, but the file is read without a header row: choose the columns by number (the first column is 1)",
            error.Message);
    }

    [Fact]
    public void Read_ColumnNumbersWithAHeader_SkipTheHeaderAndNameColumnsByIt()
    {
        // Given a file with a header, its columns chosen by number and by name
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.csv", "id,question1,question2,is_duplicate\n1,a,b,1\n2,c,d,maybe\n");
        var columns = new TextPairColumns("2", "question2", "4", Binary.Labels);

        // When it is read
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns));

        // Then the header row is not a pair, and messages name the numbered column by its header
        Assert.Equal(
            $"{path}: line 3: column 'is_duplicate': expected a same label ('1', 'same', 'duplicate') or a different label ('0', 'different'), found 'maybe'",
            error.Message);
    }

    [Fact]
    public void Read_ColumnNumberPastTheHeader_SaysHowManyColumnsThereAre()
    {
        // Given a header of three columns, when column 7 is chosen, then the header's width is reported
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", "sentence1\tsentence2\tscore\na\tb\t1\n");
        var columns = new TextPairColumns("1", "7", "3", new TextPairScoreRange(0, 5));
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns));
        Assert.Equal($"{path}: line 1: column 7 not found: the header has 3 tab-separated columns", error.Message);
    }

    [Fact]
    public void Read_SameColumnByNameAndByNumber_IsRefused()
    {
        // Given the first text chosen by name and the second by the same column's number
        using var temp = new TempFolder();
        string path = Write(temp, "pairs.tsv", "sentence1\tsentence2\tscore\na\tb\t1\n");
        var columns = new TextPairColumns("sentence1", "1", "3", new TextPairScoreRange(0, 5));

        // When it is read, then the column chosen twice is named
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns));
        Assert.Equal(
            $"{path}: line 1: column 'sentence1' (column 1) is chosen twice among the text and label columns 'sentence1', 1 and 3",
            error.Message);
    }

    [Fact]
    public void Read_HeaderRowThatIsData_SaysToReadTheFileWithoutAHeader()
    {
        // Given an STS Benchmark file (no header row) read with column numbers but with the default header row
        using var temp = new TempFolder();
        string path = Write(temp, "sts-dev.csv", "main\tMSRvid\t2012\t0000\t5.000\ta\tb\nmain\tMSRvid\t2012\t0002\t4.750\tc\td\n");
        var columns = new TextPairColumns("6", "7", "5", new TextPairScoreRange(0, 5));

        // When it is read, then the first line is not silently dropped as a header
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, columns));
        Assert.Equal(
            $"{path}: line 1: the first line is read as the header row, but its label column 5 holds '5.000', a label value rather than a column name: it looks like data; if the file has no header row, read it without one (--no-header) and choose the columns by number",
            error.Message);
    }

    [Fact]
    public void Read_DataLineReadAsHeaderByName_SaysItLooksLikeData()
    {
        // Given an STS Benchmark file read with the default column names
        using var temp = new TempFolder();
        string path = Write(temp, "sts-dev.csv", "main\tMSRvid\t2012\t0000\t5.000\ta\tb\n");

        // When it is read, then the message lists the fields found and says the first line looks like data
        var error = Assert.Throws<DataFormatException>(() => TextPairFile.Read(path, Graded));
        Assert.Equal(
            $"{path}: line 1: column 'sentence1' not found in the header; columns found (tab-separated): 'main', 'MSRvid', '2012', '0000', '5.000', 'a', 'b'; the first line looks like data, not a header: if the file has no header row, read it without one (--no-header) and choose the columns by number",
            error.Message);
    }

    [Fact]
    public void Read_StsBenchmarkAsPublished_Reads1500DevAnd5749TrainPairs()
    {
        // Given the STS Benchmark's dev and train files as their authors publish them (tab-separated, no quoting, no header)
        string folder = SharedData.Folder("stsb");
        var columns = new TextPairColumns("6", "7", "5", new TextPairScoreRange(0, 5));
        var format = new TextPairFileFormat { HasHeader = false };

        // When they are read with columns 6 and 7 as the texts and column 5 as the score
        IReadOnlyList<TextPair> dev = TextPairFile.Read(Path.Combine(folder, "sts-dev.csv"), columns, format);
        IReadOnlyList<TextPair> train = TextPairFile.Read(Path.Combine(folder, "sts-train.csv"), columns, format);

        // Then every line is a pair, the scores span 0 to 5, and the texts that begin with a quote keep it
        Assert.Equal((1_500, 5_749), (dev.Count, train.Count));
        Assert.Equal(("A man with a hard hat is dancing.", "A man wearing a hard hat is dancing.", 5.0), (dev[0].Text1, dev[0].Text2, dev[0].RawScore!.Value));
        Assert.Equal(Enumerable.Range(1, 1_500), dev.Select(p => p.LineNumber));
        Assert.Equal((0.0, 5.0), (train.Min(p => p.RawScore!.Value), train.Max(p => p.RawScore!.Value)));
        Assert.Contains(train, p => p.Text1 == "\"Leprechauns don't exist\" - fine." && p.Text2 == "\"Elves don't exist\" - fine.");
        Assert.All(train.Concat(dev), p => Assert.DoesNotContain('\t', p.Text1 + p.Text2));
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
