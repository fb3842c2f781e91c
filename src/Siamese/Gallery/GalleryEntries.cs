namespace Siamese.Gallery;

/// <summary>
/// Every entry of a gallery in memory: one label, one source and one embedding per entry, the embeddings as one
/// row-major (Count, Dimension) matrix of floats, ready for <see cref="GallerySearch"/>.
/// </summary>
public sealed class GalleryEntries
{
    /// <summary>Wraps entries; the arrays are used as they are, not copied.</summary>
    /// <param name="labels">One label per entry; none empty.</param>
    /// <param name="sources">One source (file path or note) per entry.</param>
    /// <param name="embeddings">Row-major (labels.Count, dimension) matrix.</param>
    /// <param name="dimension">Floats per embedding; at least 1.</param>
    /// <exception cref="ArgumentException">The counts or the matrix size disagree, or a label is empty.</exception>
    public GalleryEntries(IReadOnlyList<string> labels, IReadOnlyList<string> sources, float[] embeddings, int dimension)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (sources.Count != labels.Count)
        {
            throw new ArgumentException($"{labels.Count} labels but {sources.Count} sources", nameof(sources));
        }

        if (embeddings.LongLength != (long)labels.Count * dimension)
        {
            throw new ArgumentException(
                $"{labels.Count} entries of dimension {dimension} need {(long)labels.Count * dimension} floats, got {embeddings.LongLength}", nameof(embeddings));
        }

        if (labels.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("labels must not be empty", nameof(labels));
        }

        Labels = labels;
        Sources = sources;
        Embeddings = embeddings;
        Dimension = dimension;
    }

    /// <summary>The label of each entry.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The source of each entry: the file it was embedded from, or a note.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The embeddings, row-major: entry i is floats [i × Dimension, (i + 1) × Dimension).</summary>
    public float[] Embeddings { get; }

    /// <summary>Floats per embedding.</summary>
    public int Dimension { get; }

    /// <summary>Number of entries.</summary>
    public int Count => Labels.Count;

    /// <summary>The embedding of entry <paramref name="index"/>.</summary>
    /// <param name="index">Entry index, 0 to Count − 1.</param>
    public ReadOnlySpan<float> Embedding(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Embeddings.AsSpan(index * Dimension, Dimension);
    }
}
