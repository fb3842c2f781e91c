namespace Siamese.Gallery;

/// <summary>
/// The answer to "who is this?": the closest enrolled labels and the decision. The decision is the closest label
/// when its score passes the threshold (≤ for distances, ≥ for similarities), otherwise unknown.
/// </summary>
public sealed record GalleryIdentification
{
    /// <summary>Up to k labels, closest first, each with the score of its closest entry; empty for an empty gallery.</summary>
    public required IReadOnlyList<GalleryCandidate> Candidates { get; init; }

    /// <summary>The identified label, or null when the query is unknown (nothing close enough, or an empty gallery).</summary>
    public required string? Label { get; init; }

    /// <summary>The threshold the decision used.</summary>
    public required double Threshold { get; init; }

    /// <summary>True when <see cref="Label"/> names an enrolled label; false for unknown.</summary>
    public bool IsKnown => Label is not null;
}
