namespace Siamese.Sources;

/// <summary>What a <see cref="DataSourceSpec"/> read: the training, validation and test parts, and how they were made.</summary>
public sealed record DataSplits
{
    /// <summary>What the loss learns from.</summary>
    public required DataPart Train { get; init; }

    /// <summary>Held out from training: picks the kept epoch and calibrates the decision threshold.</summary>
    public required DataPart Validation { get; init; }

    /// <summary>Data never trained or validated on (unseen classes, a test split or a test file), or null when there is none.</summary>
    public DataPart? Test { get; init; }

    /// <summary>
    /// Labelled images of the training classes to enroll when the test images are of the same classes (Fashion-MNIST
    /// train as the gallery of its test split); null when the test classes are unseen or there is no test part.
    /// </summary>
    public LabelledImages? Gallery { get; init; }

    /// <summary>Names of the class numbers of labelled parts; empty for pair data.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Names of the classes trained on when only some of the data's classes were; otherwise null.</summary>
    public IReadOnlyList<string>? TrainClassNames { get; init; }

    /// <summary>Names of the classes held out unseen for testing; null when there are none.</summary>
    public IReadOnlyList<string>? TestClassNames { get; init; }

    /// <summary>One line on where the data came from and how it was split, as a model bundle records it.</summary>
    public required string Description { get; init; }

    /// <summary>What was read, one line each (e.g. how many images of how many classes), for progress output.</summary>
    public IReadOnlyList<string> Log { get; init; } = [];

    /// <summary>Things the user should know about how the data was read or split (e.g. a fallback taken); one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
