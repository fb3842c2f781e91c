using Siamese.Data;

namespace Siamese.Cli.Commands;

/// <summary>Reads text pair files as the options of <see cref="ITextPairSettings"/> describe them.</summary>
internal static class TextPairData
{
    /// <summary>The column mapping the options state.</summary>
    public static TextPairColumns Columns(ITextPairSettings settings)
    {
        if (settings.Label is not null && settings.Score is not null)
        {
            throw new ArgumentException("--label names a binary label column and --score a graded one; give one of them");
        }

        if (settings.Score is not null && settings.ScoreRange is null)
        {
            throw new ArgumentException($"--score {settings.Score}: graded scores need their range, e.g. --score-range 0,5");
        }

        var labels = TextPairLabels.Parse(settings.ScoreRange, settings.SameLabels, settings.DifferentLabels);
        return new TextPairColumns(settings.Text1, settings.Text2, settings.Score ?? settings.Label ?? "label", labels);
    }

    /// <summary>The first problem with the label options, or null.</summary>
    public static string? LabelError(ITextPairSettings settings)
    {
        try
        {
            Columns(settings);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Reads and arranges the pairs of <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing or malformed (the message names file, line and column).</exception>
    public static TextPairSet Load(string path, ITextPairSettings settings)
    {
        var pairs = TextPairFile.Read(path, Columns(settings));
        if (pairs.Count == 0)
        {
            throw new DataFormatException(path, "has a header but no pairs");
        }

        return TextPairSet.FromPairs(pairs);
    }
}
