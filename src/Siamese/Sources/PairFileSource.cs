namespace Siamese.Sources;

/// <summary>
/// A source of explicit pairs read from files (no class labels): the training file, validation from its own file or a
/// seeded share of the training pairs, and an optional test file.
/// </summary>
public abstract record PairFileSource : DataSourceSpec
{
    /// <summary>The training pairs.</summary>
    public required string File { get; init; }

    /// <summary>Validation pairs; null to hold out <see cref="ValidationFraction"/> of <see cref="File"/>'s pairs.</summary>
    public string? ValidationFile { get; init; }

    /// <summary>Share of the training pairs held out for validation when there is no validation file (default 0.05).</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Test pairs, or null for none.</summary>
    public string? TestFile { get; init; }

    /// <inheritdoc />
    public override bool HasClassLabels => false;

    /// <summary>What the training file is called in messages, e.g. "pair list".</summary>
    protected abstract string FileKind { get; }

    /// <summary>Throws naming the kind when the training file or the validation share is missing or out of range.</summary>
    protected void ValidateFiles()
    {
        if (string.IsNullOrWhiteSpace(File))
        {
            throw new ArgumentException($"{Kind}: the {FileKind} is missing");
        }

        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"{Kind}: the validation fraction must be between 0 and 1 (got {ValidationFraction})");
        }
    }
}
