using Siamese.Data;

namespace Siamese.Cli.Commands;

/// <summary>Reads text pair files as the options of <see cref="ITextPairSettings"/> describe them.</summary>
internal static class TextPairData
{
    /// <summary>The column mapping the options state.</summary>
    /// <exception cref="ArgumentException">The options contradict each other or do not parse; the message names the option.</exception>
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
        string labelOption = settings.Score is not null ? "--score" : "--label";
        string label = settings.Score ?? settings.Label ?? "label";
        Column("--text1", settings.Text1, settings.NoHeader);
        Column("--text2", settings.Text2, settings.NoHeader);
        if (settings.NoHeader && settings.Score is null && settings.Label is null)
        {
            throw new ArgumentException(
                "--no-header: give the label column's number with --score N (graded scores) or --label N (binary labels); the first column is 1");
        }

        Column(labelOption, label, settings.NoHeader);
        return new TextPairColumns(settings.Text1, settings.Text2, label, labels);
    }

    /// <summary>The delimiter, quoting and header row the options state.</summary>
    /// <exception cref="ArgumentException">--delimiter or --quoting does not parse; the message names the option.</exception>
    public static TextPairFileFormat Format(ITextPairSettings settings) => new()
    {
        Delimiter = Delimiter(settings.Delimiter),
        Quoting = settings.Quoting?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "none" => TextPairQuoting.None,
            "rfc4180" => TextPairQuoting.Rfc4180,
            _ => throw new ArgumentException($"--quoting must be none or rfc4180, not {MessageText.Quote(settings.Quoting)}"),
        },
        HasHeader = !settings.NoHeader,
    };

    /// <summary>The first problem with the text pair options (columns, labels, delimiter, quoting), or null.</summary>
    public static string? LabelError(ITextPairSettings settings)
    {
        try
        {
            Columns(settings);
            Format(settings);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Reads and arranges the pairs of <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing or malformed (the message names file, line and column).</exception>
    public static TextPairSet Load(string path, ITextPairSettings settings) =>
        TextPairSet.FromPairs(TextPairFile.Read(path, Columns(settings), Format(settings)));

    /// <summary>Checks one column option: a header name or a 1-based number, and a number when the files have no header.</summary>
    private static void Column(string option, string value, bool noHeader)
    {
        TextPairColumn column;
        try
        {
            column = TextPairColumn.Parse(value);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{option}: {ex.Message}", ex);
        }

        if (noHeader && column.Name is not null)
        {
            throw new ArgumentException(
                $"--no-header: {option} {column} is a header name, but the files have no header row; give {option} the column's number (the first column is 1)");
        }
    }

    private static char? Delimiter(string? text)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "tab" or "\t" or "\\t":
                return '\t';
            case "comma":
                return ',';
            case "semicolon":
                return ';';
            case "pipe":
                return '|';
        }

        if (text.Length == 1 && text[0] is not ('"' or '\r' or '\n') && !char.IsLetterOrDigit(text[0]) && !char.IsWhiteSpace(text[0]))
        {
            return text[0];
        }

        throw new ArgumentException(
            $"--delimiter: expected tab, comma, semicolon, pipe or one character other than a letter, digit, space or quote, found {MessageText.Quote(text)}");
    }
}
