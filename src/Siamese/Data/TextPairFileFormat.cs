namespace Siamese.Data;

/// <summary>
/// How a text pair file is laid out (see <see cref="TextPairFile"/>): its delimiter, its quoting and whether its
/// first line is a header row. Every setting has a default that reads the common files as they are published.
/// </summary>
public sealed record TextPairFileFormat
{
    /// <summary>The defaults: delimiter from the file, quoting from the delimiter, a header row.</summary>
    public static TextPairFileFormat Default { get; } = new();

    /// <summary>
    /// The field separator, or null (the default) to choose it from the file: a tab for <c>.tsv</c> and <c>.tab</c>
    /// files, otherwise a tab when the first line holds one and a comma when not (so the STS Benchmark's
    /// tab-separated <c>.csv</c> files read as they are). A quote, a line break, a letter or a digit cannot be one.
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// How fields are quoted, or null (the default) for <see cref="TextPairQuoting.None"/> in tab-separated files and
    /// <see cref="TextPairQuoting.Rfc4180"/> in all others.
    /// </summary>
    public TextPairQuoting? Quoting { get; init; }

    /// <summary>
    /// Whether the first line is a header row naming the columns (the default). Without one, every line is a pair,
    /// the columns must be chosen by number, and fields after the last chosen column are ignored (the STS Benchmark
    /// has license fields after the second sentence on some lines).
    /// </summary>
    public bool HasHeader { get; init; } = true;
}
