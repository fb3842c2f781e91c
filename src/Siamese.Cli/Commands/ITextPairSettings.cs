namespace Siamese.Cli.Commands;

/// <summary>The options that say how to read a text pair file; shared by train and evaluate.</summary>
public interface ITextPairSettings
{
    /// <summary>The pair file (train: training pairs; evaluate: test pairs), or null when the command works on images.</summary>
    string? Pairs { get; }

    /// <summary>Column of the first text.</summary>
    string Text1 { get; }

    /// <summary>Column of the second text.</summary>
    string Text2 { get; }

    /// <summary>Column of a binary label, or null.</summary>
    string? Label { get; }

    /// <summary>Column of a graded score, or null.</summary>
    string? Score { get; }

    /// <summary>Declared range of graded scores ("0,5"), or null.</summary>
    string? ScoreRange { get; }

    /// <summary>Label values meaning same, comma-separated, or null.</summary>
    string? SameLabels { get; }

    /// <summary>Label values meaning different, comma-separated, or null.</summary>
    string? DifferentLabels { get; }
}
