namespace Siamese.Data;

/// <summary>
/// Which columns of a text pair file (see <see cref="TextPairFile"/>) hold the two texts and the label, and how the
/// label is read. Each column is a header name (matched without regard to letter case) or a 1-based column number
/// (see <see cref="TextPairColumn"/>); a file without a header row needs numbers.
/// </summary>
public sealed record TextPairColumns
{
    /// <summary>Creates the column selection.</summary>
    /// <param name="text1">The first text's column: its header name, or its 1-based number such as <c>6</c>.</param>
    /// <param name="text2">The second text's column: its header name, or its 1-based number.</param>
    /// <param name="label">The label column: its header name, or its 1-based number.</param>
    /// <param name="labels">How the label column is read: <see cref="TextPairBinaryLabels"/> or <see cref="TextPairScoreRange"/>.</param>
    /// <exception cref="ArgumentException">
    /// A column is empty or white space, is a number below 1, or two of the three are the same (names in any letter
    /// case).
    /// </exception>
    public TextPairColumns(string text1, string text2, string label, TextPairLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Text1 = TextPairColumn.Parse(text1);
        Text2 = TextPairColumn.Parse(text2);
        Label = TextPairColumn.Parse(label);
        if (Same(Text1, Text2) || Same(Text1, Label) || Same(Text2, Label))
        {
            throw new ArgumentException(
                $"the text and label columns must be three different columns, found {Text1}, {Text2} and {Label}");
        }

        Labels = labels;
    }

    /// <summary>The first text's column.</summary>
    public TextPairColumn Text1 { get; }

    /// <summary>The second text's column.</summary>
    public TextPairColumn Text2 { get; }

    /// <summary>The label column.</summary>
    public TextPairColumn Label { get; }

    /// <summary>How the label column is read.</summary>
    public TextPairLabels Labels { get; }

    /// <summary>The first of the three columns that is chosen by name, or null when all are chosen by number.</summary>
    internal TextPairColumn? FirstNamed => new[] { Text1, Text2, Label }.FirstOrDefault(c => c.Name is not null);

    private static bool Same(TextPairColumn a, TextPairColumn b) =>
        a.Name is { } name ? string.Equals(name, b.Name, StringComparison.OrdinalIgnoreCase) : a.Number == b.Number;
}
