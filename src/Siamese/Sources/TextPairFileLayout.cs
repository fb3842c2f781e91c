using Siamese.Data;

namespace Siamese.Sources;

/// <summary>
/// How a delimited text-pair file is laid out, in serialisable form: the two text columns and the label or score
/// column (header names or 1-based numbers), what the labels mean, and the delimiter, quoting and header row.
/// </summary>
public sealed record TextPairFileLayout
{
    /// <summary>Column of the first text (default "sentence1").</summary>
    public string Text1 { get; init; } = "sentence1";

    /// <summary>Column of the second text (default "sentence2").</summary>
    public string Text2 { get; init; } = "sentence2";

    /// <summary>Column of the binary label or the graded score (default "label").</summary>
    public string Label { get; init; } = "label";

    /// <summary>Range of graded scores, e.g. "0,5"; null for binary labels.</summary>
    public string? ScoreRange { get; init; }

    /// <summary>Label values meaning "same", comma-separated; null for the defaults of <see cref="TextPairLabels.Parse"/>.</summary>
    public string? SameLabels { get; init; }

    /// <summary>Label values meaning "different", comma-separated; null for the defaults.</summary>
    public string? DifferentLabels { get; init; }

    /// <summary>The field delimiter, or null to tell tab from comma by the file's name and first line.</summary>
    public char? Delimiter { get; init; }

    /// <summary>How fields are quoted, or null for the format's default (none for tab-separated files, RFC 4180 otherwise).</summary>
    public TextPairQuoting? Quoting { get; init; }

    /// <summary>Whether the first line names the columns (default true).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The columns and label meaning this layout states.</summary>
    /// <exception cref="ArgumentException">A column or the label values do not parse.</exception>
    public TextPairColumns Columns() => new(Text1, Text2, Label, TextPairLabels.Parse(ScoreRange, SameLabels, DifferentLabels));

    /// <summary>The delimiter, quoting and header row this layout states.</summary>
    public TextPairFileFormat Format() => new() { Delimiter = Delimiter, Quoting = Quoting, HasHeader = HasHeader };

    /// <summary>Reads the pairs of <paramref name="path"/> laid out this way.</summary>
    /// <exception cref="DataFormatException">The file is missing or malformed (the message names file, line and column).</exception>
    public TextPairSet Read(string path) => TextPairSet.FromPairs(TextPairFile.Read(path, Columns(), Format()));
}
