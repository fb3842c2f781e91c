namespace Siamese.Gallery;

/// <summary>
/// The answer to "is this <see cref="Label"/>?": accepted when the score of the label's closest entry passes the
/// threshold (≤ for distances, ≥ for similarities).
/// </summary>
public sealed record GalleryVerification
{
    /// <summary>The claimed label.</summary>
    public required string Label { get; init; }

    /// <summary>The score between the query and the label's closest entry.</summary>
    public required double Score { get; init; }

    /// <summary>The threshold the decision used.</summary>
    public required double Threshold { get; init; }

    /// <summary>True when <see cref="Score"/> passes <see cref="Threshold"/>.</summary>
    public required bool Accepted { get; init; }
}
