namespace Siamese.Samplers;

/// <summary>
/// Turns pairs from an <see cref="IPairSampler"/> into training batches: the left items, then the right
/// items, with the pairs as explicit <see cref="PairIndices"/> over those positions — the classic twin
/// network step, both branches in one pass through the shared encoder.
/// </summary>
public sealed class PairBatchSampler : IBatchSampler
{
    private readonly IPairSampler pairs;
    private readonly int pairsPerBatch;

    /// <summary>Creates the sampler.</summary>
    /// <param name="pairs">Serves the pairs.</param>
    /// <param name="pairsPerBatch">Pairs per batch (the batch embeds twice as many inputs).</param>
    public PairBatchSampler(IPairSampler pairs, int pairsPerBatch)
    {
        this.pairs = pairs ?? throw new ArgumentNullException(nameof(pairs));
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerBatch, 1);
        this.pairsPerBatch = pairsPerBatch;
    }

    /// <inheritdoc />
    public MetricBatch Next()
    {
        var drawn = pairs.Next(pairsPerBatch);
        int n = drawn.Count;
        return new MetricBatch(
            [.. drawn.Left, .. drawn.Right],
            null,
            new PairIndices(Enumerable.Range(0, n).ToArray(), Enumerable.Range(n, n).ToArray(), drawn.Relations));
    }
}
