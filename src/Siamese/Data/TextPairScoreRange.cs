using System.Globalization;

namespace Siamese.Data;

/// <summary>
/// A label column holding a graded similarity score in the declared range [<see cref="Min"/>, <see cref="Max"/>]
/// (for example 0 to 5 for STS-B), where larger means more similar. Scores are rescaled linearly to [0, 1]:
/// <see cref="Min"/> becomes 0 and <see cref="Max"/> becomes 1. A score outside the range is an error.
/// </summary>
public sealed class TextPairScoreRange : TextPairLabels
{
    /// <summary>Creates the range.</summary>
    /// <param name="min">The least similar score.</param>
    /// <param name="max">The most similar score; greater than <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="max"/> is not greater than <paramref name="min"/>.</exception>
    public TextPairScoreRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min)
        {
            throw new ArgumentOutOfRangeException(
                nameof(max),
                $"the score range must be finite and run upwards (MIN < MAX), found {Format(min)} to {Format(max)}");
        }

        Min = min;
        Max = max;
    }

    /// <summary>The least similar score, rescaled to 0.</summary>
    public double Min { get; }

    /// <summary>The most similar score, rescaled to 1.</summary>
    public double Max { get; }

    /// <summary>Whether <paramref name="raw"/> lies within [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public bool Contains(double raw) => raw >= Min && raw <= Max;

    /// <summary>Rescales <paramref name="raw"/> from [<see cref="Min"/>, <see cref="Max"/>] to [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="raw"/> is outside the range.</exception>
    public double Rescale(double raw)
    {
        if (!Contains(raw))
        {
            throw new ArgumentOutOfRangeException(nameof(raw), $"score {Format(raw)} is outside the range {this}");
        }

        return Scale(raw);
    }

    /// <summary>The range as text, e.g. <c>0 to 5</c>.</summary>
    public override string ToString() => $"{Format(Min)} to {Format(Max)}";

    /// <inheritdoc/>
    internal override TextPair ToPair(string text1, string text2, string value, string column, string path, int lineNumber)
    {
        if (!TryParse(value, out double raw))
        {
            string found = value.Length == 0 ? "an empty field" : MessageText.Quote(value);
            throw new DataFormatException(
                path,
                lineNumber,
                $"{column}: expected {Expected}, found {found}");
        }

        // The one range check on this path; Rescale's is for its public callers.
        if (!Contains(raw))
        {
            throw new DataFormatException(path, lineNumber, $"{column}: score {MessageText.Excerpt(value)} is outside the declared range {this}");
        }

        return TextPair.WithScore(text1, text2, Scale(raw), raw, lineNumber);
    }

    /// <inheritdoc/>
    internal override string Expected => $"a number from {this} (with '.' as the decimal point)";

    /// <inheritdoc/>
    internal override bool Accepts(string value) => TryParse(value, out double raw) && Contains(raw);

    private static bool TryParse(string value, out double raw) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out raw) && double.IsFinite(raw);

    /// <summary><paramref name="raw"/>, known to be in the range, mapped linearly to [0, 1].</summary>
    private double Scale(double raw) => Math.Clamp((raw - Min) / (Max - Min), 0.0, 1.0);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
