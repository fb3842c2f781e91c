using System.Globalization;
using System.Text;

namespace Siamese.Data;

/// <summary>
/// Splits UTF-8 lines into records of fields separated by one delimiter character. With RFC 4180 quoting (the
/// default) a field that starts with '"' runs to the matching '"' and may contain delimiters, line breaks (kept as in
/// the file) and doubled quotes ("" for one "), and a quote inside an unquoted field is kept as a literal character.
/// Without quoting each line is one record, split at every delimiter, and quotes are text. Lines that are empty or
/// hold only spaces are skipped between records.
/// </summary>
internal sealed class DelimitedRecordReader : IDisposable
{
    private readonly Utf8LineReader lines;
    private readonly string path;
    private readonly int maxFieldLength;
    private string? pending;
    private string pendingTerminator = "";

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should be, for the message when it is a folder.</param>
    /// <param name="maxLength">The longest line and the longest field accepted, in characters.</param>
    public DelimitedRecordReader(string path, string expected, int maxLength)
    {
        this.path = path;
        maxFieldLength = maxLength;
        lines = Utf8LineReader.Open(path, expected, maxLength);
    }

    /// <summary>The field separator; settable until the first record is read (e.g. after <see cref="PeekLine"/>).</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>
    /// Whether fields are unquoted as RFC 4180 says (true, the default) or split at every delimiter with quotes kept
    /// as text (false); settable until the first record is read.
    /// </summary>
    public bool Quoted { get; set; } = true;

    /// <summary>The header names, used to name fields in messages once known.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>The first non-blank line that has not been consumed yet, or null at the end of the file.</summary>
    public string? PeekLine()
    {
        while (pending is null)
        {
            if (!lines.TryRead(out string text, out string terminator))
            {
                return null;
            }

            if (!string.IsNullOrWhiteSpace(text) || (Delimiter == '\t' && text.Contains('\t', StringComparison.Ordinal)))
            {
                pending = text;
                pendingTerminator = terminator;
            }
        }

        return pending;
    }

    /// <summary>Reads the next record.</summary>
    /// <param name="fields">The record's fields, unquoted.</param>
    /// <param name="lineNumber">The 1-based line on which the record starts.</param>
    /// <returns>False at the end of the file.</returns>
    public bool TryRead(out List<string> fields, out int lineNumber)
    {
        fields = [];
        lineNumber = 0;
        if (PeekLine() is not { } text)
        {
            return false;
        }

        string terminator = pendingTerminator;
        pending = null;
        lineNumber = lines.LineNumber;
        if (!Quoted)
        {
            // The line is no longer than the longest field, so no field needs its own check.
            fields = [.. text.Split(Delimiter)];
            return true;
        }

        var field = new StringBuilder();
        bool inQuotes = false;
        bool closed = false;
        int quoteLine = 0;
        while (true)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (inQuotes)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                        closed = true;
                    }
                }
                else if (c == Delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    closed = false;
                }
                else if (closed)
                {
                    throw new DataFormatException(
                        path,
                        lines.LineNumber,
                        $"{Name(fields.Count)}: expected a delimiter or the end of the line after the closing quote, found {MessageText.Quote(text.Substring(i, char.IsSurrogatePair(text, i) ? 2 : 1))} (write a quote inside a quoted field as \"\")");
                }
                else if (c == '"' && field.Length == 0)
                {
                    inQuotes = true;
                    quoteLine = lines.LineNumber;
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > maxFieldLength)
            {
                string hint = inQuotes ? $" (is the quote opened on line {quoteLine} never closed?)" : "";
                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"{Name(fields.Count)} is longer than {maxFieldLength.ToString("N0", CultureInfo.InvariantCulture)} characters (the longest field accepted){hint}");
            }

            if (!inQuotes)
            {
                fields.Add(field.ToString());
                return true;
            }

            if (!lines.TryRead(out text, out string next))
            {
                throw new DataFormatException(
                    path,
                    quoteLine,
                    $"{Name(fields.Count)}: the quote opened on line {quoteLine} is never closed (end of file reached)");
            }

            field.Append(terminator);
            terminator = next;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => lines.Dispose();

    /// <summary>
    /// The column at 0-based <paramref name="index"/> as messages name it: by its header name when
    /// <paramref name="names"/> has one (<c>column 'score'</c>), else by its 1-based number (<c>column 5</c>).
    /// </summary>
    public static string ColumnName(int index, IReadOnlyList<string>? names) =>
        names is not null && index < names.Count && names[index].Length > 0
            ? $"column {MessageText.Quote(names[index])}"
            : $"column {index + 1}";

    private string Name(int index) => ColumnName(index, ColumnNames);
}
