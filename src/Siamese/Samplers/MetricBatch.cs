namespace Siamese.Samplers;

/// <summary>
/// One training batch: the data-set items to embed, and what the loss learns from — the items' class
/// labels (from which a loss mines its tuples inside the batch), explicit tuples indexing into
/// <see cref="Items"/>, or both (a loss given tuples of its own kind uses them, otherwise it mines).
/// </summary>
public sealed record MetricBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="items">Data-set index of each batch position.</param>
    /// <param name="labels">Class of each batch position, or null.</param>
    /// <param name="tuples">Tuples over batch positions, or null.</param>
    /// <exception cref="ArgumentException">Neither labels nor tuples, labels of the wrong length, or a tuple index outside the batch.</exception>
    public MetricBatch(int[] items, int[]? labels, IBatchTuples? tuples)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (labels is null && tuples is null)
        {
            throw new ArgumentException("a batch needs class labels or explicit tuples for the loss to learn from");
        }

        if (labels is not null && labels.Length != items.Length)
        {
            throw new ArgumentException($"{labels.Length} labels for {items.Length} batch items", nameof(labels));
        }

        if (tuples is not null && tuples.LargestIndex() >= items.Length)
        {
            throw new ArgumentException($"a tuple refers to batch position {tuples.LargestIndex()} but the batch has {items.Length} items", nameof(tuples));
        }

        Items = items;
        Labels = labels;
        Tuples = tuples;
    }

    /// <summary>Data-set index of each batch position.</summary>
    public int[] Items { get; }

    /// <summary>Class of each batch position, or null when the batch carries only tuples.</summary>
    public int[]? Labels { get; }

    /// <summary>Explicit tuples over batch positions, or null when the loss mines them from <see cref="Labels"/>.</summary>
    public IBatchTuples? Tuples { get; }

    /// <summary>Number of inputs the batch embeds.</summary>
    public int Count => Items.Length;
}
