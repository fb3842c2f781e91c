namespace Siamese.Cli.Commands;

/// <summary>The options that say how to read a text pair file; shared by train and evaluate.</summary>
public interface ITextPairSettings
{
    /// <summary>The pair file (train: training pairs; evaluate: test pairs), or null when the command works on images.</summary>
    string? Pairs { get; }

    /// <summary>Column of the first text: a header name, or a 1-based column number.</summary>
    string Text1 { get; }

    /// <summary>Column of the second text: a header name, or a 1-based column number.</summary>
    string Text2 { get; }

    /// <summary>Column of a binary label (a header name or a 1-based number), or null.</summary>
    string? Label { get; }

    /// <summary>Column of a graded score (a header name or a 1-based number), or null.</summary>
    string? Score { get; }

    /// <summary>Declared range of graded scores ("0,5"), or null.</summary>
    string? ScoreRange { get; }

    /// <summary>Label values meaning same, comma-separated, or null.</summary>
    string? SameLabels { get; }

    /// <summary>Label values meaning different, comma-separated, or null.</summary>
    string? DifferentLabels { get; }

    /// <summary>Whether the pair files have no header row (their columns are then chosen by number).</summary>
    bool NoHeader { get; }

    /// <summary>The quoting, "none" or "rfc4180", or null for the default by delimiter.</summary>
    string? Quoting { get; }

    /// <summary>The field delimiter ("tab", "comma", "semicolon", "pipe" or one character), or null to choose it from the file.</summary>
    string? Delimiter { get; }
}
