using System.Globalization;

namespace Siamese.Data;

/// <summary>
/// How the label column of a text pair file is read: either <see cref="TextPairBinaryLabels"/> (each value is
/// named as meaning "same" or "different") or <see cref="TextPairScoreRange"/> (a graded similarity score in a
/// declared range). Nothing is assumed: a bare 0/1 label means "same" in some data sets and "different" in others,
/// so the mapping or the range must always be stated by the user.
/// </summary>
public abstract class TextPairLabels
{
    private protected TextPairLabels()
    {
    }

    /// <summary>
    /// The pair of <paramref name="text1"/> and <paramref name="text2"/> labelled by <paramref name="value"/>, the
    /// trimmed label field of a text pair file record; the one hook each label kind implements.
    /// </summary>
    /// <param name="text1">The first text.</param>
    /// <param name="text2">The second text.</param>
    /// <param name="value">The label field, trimmed.</param>
    /// <param name="column">The label column as messages name it, e.g. <c>column 'score'</c> or <c>column 5</c>.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="lineNumber">The line the record starts on.</param>
    /// <exception cref="DataFormatException">The value is not a label of this kind; the message names the file, line and column.</exception>
    internal abstract TextPair ToPair(string text1, string text2, string value, string column, string path, int lineNumber);

    /// <summary>Whether <paramref name="value"/>, a trimmed label field, is a label of this kind (what <see cref="ToPair"/> accepts).</summary>
    internal abstract bool Accepts(string value);

    /// <summary>What a label field should hold, for messages, e.g. <c>a number from 0 to 5 (with '.' as the decimal point)</c>.</summary>
    internal abstract string Expected { get; }

    /// <summary>
    /// Builds the label reading from the command-line spellings <c>--score-range MIN,MAX</c> (graded) or
    /// <c>--same-labels A,B,... --different-labels C,D,...</c> (binary). Exactly one of the two forms must be given.
    /// </summary>
    /// <param name="scoreRange">The value of <c>--score-range</c>, e.g. <c>0,5</c>, or null when not given.</param>
    /// <param name="sameLabels">The value of <c>--same-labels</c>, e.g. <c>1,duplicate</c>, or null when not given.</param>
    /// <param name="differentLabels">The value of <c>--different-labels</c>, e.g. <c>0</c>, or null when not given.</param>
    /// <returns>A <see cref="TextPairScoreRange"/> or a <see cref="TextPairBinaryLabels"/>.</returns>
    /// <exception cref="ArgumentException">
    /// Neither or both forms are given, only one of the two label lists is given, or a value does not parse; the
    /// message names the option.
    /// </exception>
    public static TextPairLabels Parse(string? scoreRange, string? sameLabels, string? differentLabels)
    {
        bool graded = scoreRange is not null;
        bool binary = sameLabels is not null || differentLabels is not null;
        if (graded && binary)
        {
            throw new ArgumentException(
                "--score-range cannot be combined with --same-labels or --different-labels: the label column is either a graded score or a binary label");
        }

        if (graded)
        {
            return ParseRange(scoreRange!);
        }

        if (!binary)
        {
            throw new ArgumentException(
                "the meaning of the label column must be stated: give --score-range MIN,MAX for graded scores, or --same-labels and --different-labels for binary labels (no mapping is assumed)");
        }

        if (sameLabels is null || differentLabels is null)
        {
            string missing = sameLabels is null ? "--same-labels" : "--different-labels";
            throw new ArgumentException(
                $"{missing} is missing: binary labels need both --same-labels and --different-labels (no mapping is assumed)");
        }

        return new TextPairBinaryLabels(SplitList(sameLabels, "--same-labels"), SplitList(differentLabels, "--different-labels"));
    }

    private static TextPairScoreRange ParseRange(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"--score-range: expected MIN,MAX such as 0,5, found '{text}'");
        }

        double min = ParseBound(parts[0], text);
        double max = ParseBound(parts[1], text);
        try
        {
            return new TextPairScoreRange(min, max);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"--score-range: {ex.Message}", ex);
        }
    }

    private static double ParseBound(string part, string text)
    {
        if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"--score-range: '{part.Trim()}' in '{text}' is not a number; expected MIN,MAX such as 0,5");
        }

        return value;
    }

    private static string[] SplitList(string text, string option)
    {
        string[] values = text.Split(',', StringSplitOptions.TrimEntries);
        if (values.Any(v => v.Length == 0))
        {
            throw new ArgumentException($"{option}: expected a comma-separated list of label values such as 1,duplicate, found '{text}' with an empty entry");
        }

        return values;
    }
}
