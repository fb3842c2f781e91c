namespace Siamese.Data;

/// <summary>
/// Reads text pair files: CSV or TSV tables with a header row, one pair of texts and a label per record, such as
/// <code>
/// sentence1,sentence2,score
/// "A man is playing a guitar.","A man plays the guitar, loudly.",4.6
/// Grüße,日本語,0
/// </code>
/// The columns are chosen by their header names (see <see cref="TextPairColumns"/>); other columns are ignored.
/// The file is UTF-8, with or without a byte-order mark. Fields follow RFC 4180: a field in double quotes may
/// contain the delimiter, line breaks and doubled quotes (<c>""</c> for one <c>"</c>). Empty lines are skipped.
/// The delimiter is a tab for <c>.tsv</c> and <c>.tab</c> files, a comma for <c>.csv</c> files, and otherwise a tab
/// when the header line contains one and a comma when not; it can also be given explicitly.
/// </summary>
public static class TextPairFile
{
    /// <summary>The longest line, and the longest field, accepted, in characters.</summary>
    public const int MaxLength = 100_000;

    private const string Expected = "a text pair file (CSV or TSV with a header row)";

    /// <summary>Reads the pairs of <paramref name="path"/> in file order.</summary>
    /// <param name="path">The CSV or TSV file.</param>
    /// <param name="columns">The columns holding the texts and the label, and how the label is read.</param>
    /// <param name="delimiter">The field separator, or null to choose it from the extension or the header line.</param>
    /// <returns>The pairs, each with the line its record starts on; never empty.</returns>
    /// <exception cref="ArgumentException"><paramref name="delimiter"/> is a quote, a line break, or a character that is a letter or digit.</exception>
    /// <exception cref="DataFormatException">
    /// The file is missing or unreadable, is not valid UTF-8, has no header or no data rows, lacks a chosen column,
    /// or has a record with the wrong number of fields, an empty text, a label in neither list, a score that is not a
    /// number or is outside the range, an unclosed quote, or a line or field longer than <see cref="MaxLength"/>
    /// characters. The one-line message names the file, the line and the column.
    /// </exception>
    public static IReadOnlyList<TextPair> Read(string path, TextPairColumns columns, char? delimiter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (delimiter is { } d && (d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            throw new ArgumentException($"'{d}' cannot separate fields", nameof(delimiter));
        }

        using var records = new DelimitedRecordReader(path, Expected, MaxLength);
        string? headerLine = records.PeekLine();
        if (headerLine is null)
        {
            throw new DataFormatException(path, $"expected {Expected}, found an empty file");
        }

        records.Delimiter = delimiter ?? Detect(path, headerLine);
        records.TryRead(out List<string> header, out int headerNumber);
        List<string> names = header.ConvertAll(h => h.Trim());
        records.ColumnNames = names;
        int text1 = Find(names, columns.Text1, path, headerNumber, records.Delimiter);
        int text2 = Find(names, columns.Text2, path, headerNumber, records.Delimiter);
        int label = Find(names, columns.Label, path, headerNumber, records.Delimiter);

        var pairs = new List<TextPair>();
        while (records.TryRead(out List<string> fields, out int lineNumber))
        {
            if (fields.Count != names.Count)
            {
                string which = fields.Count < names.Count
                    ? $"column '{names[fields.Count]}' and any after it are missing"
                    : $"{fields.Count - names.Count} more than the header's columns";
                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"expected {names.Count} {Describe(records.Delimiter)}-separated fields as in the header, found {fields.Count} ({which})");
            }

            string first = Text(fields, text1, names, path, lineNumber);
            string second = Text(fields, text2, names, path, lineNumber);
            pairs.Add(columns.Labels.ToPair(first, second, fields[label].Trim(), names[label], path, lineNumber));
        }

        if (pairs.Count == 0)
        {
            throw new DataFormatException(path, headerNumber, "expected data rows after the header row, found none");
        }

        return pairs;
    }

    private static char Detect(string path, string headerLine)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".tsv":
            case ".tab":
                return '\t';
            case ".csv":
                return ',';
        }

        return headerLine.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
    }

    private static string Describe(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        ',' => "comma",
        ';' => "semicolon",
        _ => $"'{delimiter}'",
    };

    private static int Find(List<string> names, string column, string path, int lineNumber, char delimiter)
    {
        int found = -1;
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], column, StringComparison.OrdinalIgnoreCase))
            {
                if (found >= 0)
                {
                    throw new DataFormatException(
                        path,
                        lineNumber,
                        $"column '{column}' appears more than once in the header (columns {found + 1} and {i + 1})");
                }

                found = i;
            }
        }

        if (found < 0)
        {
            string list = string.Join(", ", names.Select(n => $"'{n}'"));
            string hint = "";
            char other = delimiter == '\t' ? ',' : '\t';
            if (names.Count == 1 && names[0].Contains(other, StringComparison.Ordinal))
            {
                hint = $"; the header has {Describe(other)}s, so the delimiter may be wrong";
            }

            throw new DataFormatException(
                path,
                lineNumber,
                $"column '{column}' not found in the header; columns found ({Describe(delimiter)}-separated): {list}{hint}");
        }

        return found;
    }

    private static string Text(List<string> fields, int index, List<string> names, string path, int lineNumber)
    {
        string text = fields[index];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DataFormatException(path, lineNumber, $"column '{names[index]}': expected a text, found an empty field");
        }

        return text;
    }
}
