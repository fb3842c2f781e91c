using System.Globalization;

namespace Siamese.Data;

/// <summary>
/// One column of a text pair file (see <see cref="TextPairFile"/>): either a header name, matched without regard to
/// letter case, or a 1-based column number. A file without a header row can only be read by column numbers; in a
/// file with a header row a number still means the position, and messages name the column by its header.
/// </summary>
public sealed record TextPairColumn
{
    private TextPairColumn(string? name, int? number)
    {
        Name = name;
        Number = number;
    }

    /// <summary>The header name, or null when the column is chosen by <see cref="Number"/>.</summary>
    public string? Name { get; }

    /// <summary>The 1-based column number, or null when the column is chosen by <see cref="Name"/>.</summary>
    public int? Number { get; }

    /// <summary>The column whose header is <paramref name="name"/> (surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">The name is empty or white space.</exception>
    public static TextPairColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TextPairColumn(name.Trim(), null);
    }

    /// <summary>The <paramref name="number"/>-th column, counting from 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is less than 1.</exception>
    public static TextPairColumn At(int number) =>
        number >= 1
            ? new TextPairColumn(null, number)
            : throw new ArgumentOutOfRangeException(nameof(number), $"column numbers count from 1, found {number}");

    /// <summary>
    /// The column <paramref name="text"/> names: a whole number such as <c>6</c> is a 1-based column number, anything
    /// else a header name.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The text is empty, or is a whole number below 1 or too large to be a column number; the message quotes it.
    /// </exception>
    public static TextPairColumn Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string trimmed = text.Trim();
        ReadOnlySpan<char> digits = trimmed.AsSpan(trimmed[0] is '-' or '+' ? 1 : 0);
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return Named(trimmed);
        }

        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number) || number < 1)
        {
            throw new ArgumentException(
                $"column {MessageText.Quote(trimmed)}: column numbers count from 1 (the first column is 1) and must be at most {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        return new TextPairColumn(null, number);
    }

    /// <summary>The column as the user wrote it: the name in quotes, e.g. <c>'sentence1'</c>, or the number, e.g. <c>6</c>.</summary>
    public override string ToString() =>
        Name is { } name ? MessageText.Quote(name) : Number!.Value.ToString(CultureInfo.InvariantCulture);
}
