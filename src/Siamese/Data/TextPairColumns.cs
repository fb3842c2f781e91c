namespace Siamese.Data;

/// <summary>
/// Which columns of a text pair file (see <see cref="TextPairFile"/>) hold the two texts and the label, named as in
/// the header row (matched without regard to letter case), and how the label is read.
/// </summary>
public sealed record TextPairColumns
{
    /// <summary>Creates the column selection.</summary>
    /// <param name="text1">The header name of the first text's column.</param>
    /// <param name="text2">The header name of the second text's column.</param>
    /// <param name="label">The header name of the label column.</param>
    /// <param name="labels">How the label column is read: <see cref="TextPairBinaryLabels"/> or <see cref="TextPairScoreRange"/>.</param>
    /// <exception cref="ArgumentException">A name is empty or white space, or two of the three names are the same (in any letter case).</exception>
    public TextPairColumns(string text1, string text2, string label, TextPairLabels labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text1);
        ArgumentException.ThrowIfNullOrWhiteSpace(text2);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(labels);
        Text1 = text1.Trim();
        Text2 = text2.Trim();
        Label = label.Trim();
        if (Same(Text1, Text2) || Same(Text1, Label) || Same(Text2, Label))
        {
            throw new ArgumentException(
                $"the text and label columns must be three different columns, found '{Text1}', '{Text2}' and '{Label}'");
        }

        Labels = labels;
    }

    /// <summary>The header name of the first text's column.</summary>
    public string Text1 { get; }

    /// <summary>The header name of the second text's column.</summary>
    public string Text2 { get; }

    /// <summary>The header name of the label column.</summary>
    public string Label { get; }

    /// <summary>How the label column is read.</summary>
    public TextPairLabels Labels { get; }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
