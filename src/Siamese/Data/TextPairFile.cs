using System.Globalization;

namespace Siamese.Data;

/// <summary>
/// Reads text pair files: CSV or TSV tables with one pair of texts and a label per record, such as
/// <code>
/// sentence1,sentence2,score
/// "A man is playing a guitar.","A man plays the guitar, loudly.",4.6
/// Grüße,日本語,0
/// </code>
/// or, without a header row, the STS Benchmark as published (tab-separated, unquoted, the score in column 5):
/// <code>
/// main-forum&#9;deft-forum&#9;2014&#9;0092&#9;3&#9;"Leprechauns don't exist" - fine.&#9;"Elves don't exist" - fine.
/// </code>
/// The columns are chosen by header name or by 1-based number (see <see cref="TextPairColumns"/>); other columns are
/// ignored. The file is UTF-8, with or without a byte-order mark; lines end at LF, CRLF or CR; empty lines are
/// skipped. <see cref="TextPairFileFormat"/> gives the layout: the delimiter (by default a tab for <c>.tsv</c> and
/// <c>.tab</c> files, otherwise a tab when the first line holds one and a comma when not), the quoting (by default
/// none for tab-separated files, where a quote is text, and RFC 4180 for the others, where a field in double quotes
/// may contain the delimiter, line breaks and doubled quotes), and whether the first line is a header row. With a
/// header row every record has the header's number of fields; without one every line is a pair, with at least as
/// many fields as the highest column chosen, and fields after it are ignored.
/// </summary>
public static class TextPairFile
{
    /// <summary>The longest line, and the longest field, accepted, in characters.</summary>
    public const int MaxLength = TextLines.MaxLineLength;

    private const int MaxNamesListed = 10;

    private const string NoHeaderHint = "if the file has no header row, read it without one (--no-header) and choose the columns by number";

    /// <summary>Reads the pairs of <paramref name="path"/> in file order.</summary>
    /// <param name="path">The CSV or TSV file.</param>
    /// <param name="columns">The columns holding the texts and the label, and how the label is read.</param>
    /// <param name="format">The delimiter, quoting and header row, or null for <see cref="TextPairFileFormat.Default"/>.</param>
    /// <returns>The pairs, each with the line its record starts on; never empty.</returns>
    /// <exception cref="ArgumentException">
    /// The delimiter is a quote, a line break, or a letter or digit; or the file has no header row and a column is
    /// chosen by name.
    /// </exception>
    /// <exception cref="DataFormatException">
    /// The file is missing or unreadable, is not valid UTF-8, has no data rows, lacks a chosen column, has a header
    /// whose label column holds a label (it looks like data), or has a record with the wrong number of fields, an empty
    /// text, a label in neither list, a score that is not a number or is outside the range, an unclosed quote, or a
    /// line or field longer than <see cref="MaxLength"/> characters. The one-line message names the file, the line and
    /// the column.
    /// </exception>
    public static IReadOnlyList<TextPair> Read(string path, TextPairColumns columns, TextPairFileFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        format ??= TextPairFileFormat.Default;
        if (format.Delimiter is { } d && (d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            throw new ArgumentException($"{MessageText.Quote(d.ToString())} cannot separate fields");
        }

        if (!format.HasHeader && columns.FirstNamed is { } named)
        {
            throw new ArgumentException(
                $"column {named} is a header name, but the file is read without a header row: choose the columns by number (the first column is 1)");
        }

        string expected = format.HasHeader ? "a text pair file (CSV or TSV with a header row)" : "a text pair file (CSV or TSV)";
        using var records = new DelimitedRecordReader(path, expected, MaxLength);
        string firstLine = records.PeekLine() ?? throw new DataFormatException(path, $"expected {expected}, found an empty file");
        records.Delimiter = format.Delimiter ?? Detect(path, firstLine);
        records.Quoted = (format.Quoting ?? (records.Delimiter == '\t' ? TextPairQuoting.None : TextPairQuoting.Rfc4180)) == TextPairQuoting.Rfc4180;
        Layout layout = format.HasHeader ? Layout.FromHeader(records, columns, path) : Layout.ByNumber(columns);

        var pairs = new List<TextPair>();
        while (records.TryRead(out List<string> fields, out int lineNumber))
        {
            CheckFieldCount(fields, layout, records, path, lineNumber);
            string first = Text(fields, layout.Text1, layout.Names, path, lineNumber);
            string second = Text(fields, layout.Text2, layout.Names, path, lineNumber);
            string value = fields[layout.Label].Trim();
            string labelColumn = DelimitedRecordReader.ColumnName(layout.Label, layout.Names);
            if (layout.Names is null && pairs.Count == 0 && !columns.Labels.Accepts(value) && !IsNumber(value))
            {
                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"{labelColumn}: expected {columns.Labels.Expected}, found {Found(value)}; the file is read without a header row, but this first line looks like one");
            }

            pairs.Add(columns.Labels.ToPair(first, second, value, labelColumn, path, lineNumber));
        }

        if (pairs.Count == 0)
        {
            throw layout.Names is null
                ? new DataFormatException(path, $"expected {expected}, found no pairs")
                : new DataFormatException(path, layout.HeaderLine, "expected data rows after the header row, found none");
        }

        return pairs;
    }

    private static char Detect(string path, string firstLine)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".tsv" or ".tab" || firstLine.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
    }

    private static string Describe(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        ',' => "comma",
        ';' => "semicolon",
        _ => MessageText.Quote(delimiter.ToString()),
    };

    private static void CheckFieldCount(List<string> fields, Layout layout, DelimitedRecordReader records, string path, int lineNumber)
    {
        string kind = Describe(records.Delimiter);
        if (layout.Names is not { } names)
        {
            if (fields.Count < layout.Needed)
            {
                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"expected at least {layout.Needed} {kind}-separated fields (the columns chosen go up to {layout.Needed}), found {fields.Count}");
            }

            return;
        }

        if (fields.Count != names.Count)
        {
            string which = fields.Count < names.Count
                ? $"{DelimitedRecordReader.ColumnName(fields.Count, names)} and any after it are missing"
                : $"{fields.Count - names.Count} more than the header's columns";
            string hint = !records.Quoted && fields.Count > names.Count && fields.Any(f => f.Contains('"', StringComparison.Ordinal))
                ? "; quotes are text in this file (no quoting): if it quotes fields that hold the delimiter, read it with RFC 4180 quoting (--quoting rfc4180)"
                : "";
            throw new DataFormatException(
                path,
                lineNumber,
                $"expected {names.Count} {kind}-separated fields as in the header, found {fields.Count} ({which}){hint}");
        }
    }

    private static string Text(List<string> fields, int index, IReadOnlyList<string>? names, string path, int lineNumber)
    {
        string text = fields[index];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DataFormatException(path, lineNumber, $"{DelimitedRecordReader.ColumnName(index, names)}: expected a text, found an empty field");
        }

        return text;
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Found(string value) => value.Length == 0 ? "an empty field" : MessageText.Quote(value);

    /// <summary>Where the chosen columns are (0-based), the header's names if there is a header, and the fields a record needs.</summary>
    private sealed record Layout(int Text1, int Text2, int Label, IReadOnlyList<string>? Names, int HeaderLine)
    {
        /// <summary>The fewest fields a record of a file without a header row must have.</summary>
        public int Needed => Math.Max(Text1, Math.Max(Text2, Label)) + 1;

        public static Layout ByNumber(TextPairColumns columns) =>
            new(columns.Text1.Number!.Value - 1, columns.Text2.Number!.Value - 1, columns.Label.Number!.Value - 1, null, 0);

        public static Layout FromHeader(DelimitedRecordReader records, TextPairColumns columns, string path)
        {
            records.TryRead(out List<string> header, out int headerLine);
            List<string> names = header.ConvertAll(h => h.Trim());
            records.ColumnNames = names;
            int text1 = Find(names, columns.Text1, path, headerLine, records.Delimiter);
            int text2 = Find(names, columns.Text2, path, headerLine, records.Delimiter);
            int label = Find(names, columns.Label, path, headerLine, records.Delimiter);
            if (text1 == text2 || text1 == label || text2 == label)
            {
                int twice = text1 == text2 || text1 == label ? text1 : text2;
                throw new DataFormatException(
                    path,
                    headerLine,
                    $"{DelimitedRecordReader.ColumnName(twice, names)} (column {twice + 1}) is chosen twice among the text and label columns {columns.Text1}, {columns.Text2} and {columns.Label}");
            }

            if (columns.Labels.Accepts(names[label]))
            {
                throw new DataFormatException(
                    path,
                    headerLine,
                    $"the first line is read as the header row, but its label column {label + 1} holds {MessageText.Quote(names[label])}, a label value rather than a column name: it looks like data; {NoHeaderHint}");
            }

            return new Layout(text1, text2, label, names, headerLine);
        }

        private static int Find(List<string> names, TextPairColumn column, string path, int lineNumber, char delimiter)
        {
            if (column.Number is { } number)
            {
                return number <= names.Count
                    ? number - 1
                    : throw new DataFormatException(
                        path,
                        lineNumber,
                        $"column {number} not found: the header has {names.Count} {Describe(delimiter)}-separated column{(names.Count == 1 ? "" : "s")}{DelimiterHint(names, delimiter)}");
            }

            string name = column.Name!;
            int found = -1;
            for (int i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    if (found >= 0)
                    {
                        throw new DataFormatException(
                            path,
                            lineNumber,
                            $"column {column} appears more than once in the header (columns {found + 1} and {i + 1})");
                    }

                    found = i;
                }
            }

            if (found < 0)
            {
                string list = string.Join(", ", names.Take(MaxNamesListed).Select(MessageText.Quote));
                if (names.Count > MaxNamesListed)
                {
                    list += $" and {(names.Count - MaxNamesListed).ToString("N0", CultureInfo.InvariantCulture)} more";
                }

                string hint = DelimiterHint(names, delimiter);
                if (hint.Length == 0 && names.Any(IsNumber))
                {
                    hint = $"; the first line looks like data, not a header: {NoHeaderHint}";
                }

                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"column {column} not found in the header; columns found ({Describe(delimiter)}-separated): {list}{hint}");
            }

            return found;
        }

        private static string DelimiterHint(List<string> names, char delimiter)
        {
            char other = delimiter == '\t' ? ',' : '\t';
            return names.Count == 1 && names[0].Contains(other, StringComparison.Ordinal)
                ? $"; the header has {Describe(other)}s, so the delimiter may be wrong"
                : "";
        }
    }
}
