namespace Siamese.Samplers;

/// <summary>
/// Batches for instance discrimination (SimCLR, Chen et al. 2020): each batch holds B distinct items drawn at random,
/// each twice, as the positive pairs (k, k + B). Labels are not used, so the learned features are not tied to the
/// training classes, which helps on classes never seen. The two copies of an item only differ once the inputs are
/// distorted on the fly (<see cref="Augmentation.AugmentedInputSource"/>); without augmentation the task is trivial.
/// Pair it with <see cref="Losses.NPairLoss"/>, whose negatives are the other pairs.
/// </summary>
public sealed class InstancePairSampler : IBatchSampler
{
    private readonly int count;
    private readonly int pairsPerBatch;
    private readonly Random random;
    private readonly int[] order;

    /// <summary>Creates the sampler.</summary>
    /// <param name="count">Items in the data set.</param>
    /// <param name="pairsPerBatch">Distinct items per batch (B, at least 2 and at most <paramref name="count"/>).</param>
    /// <param name="seed">Seed of the draws.</param>
    public InstancePairSampler(int count, int pairsPerBatch, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerBatch, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pairsPerBatch, count);
        this.count = count;
        this.pairsPerBatch = pairsPerBatch;
        random = new Random(seed);
        order = Enumerable.Range(0, count).ToArray();
    }

    /// <inheritdoc />
    public MetricBatch Next()
    {
        var items = new int[2 * pairsPerBatch];
        var left = new int[pairsPerBatch];
        var right = new int[pairsPerBatch];
        for (int k = 0; k < pairsPerBatch; k++)
        {
            int pick = k + random.Next(count - k);
            (order[k], order[pick]) = (order[pick], order[k]);
            items[k] = items[k + pairsPerBatch] = order[k];
            left[k] = k;
            right[k] = k + pairsPerBatch;
        }

        var relations = new PairRelation[pairsPerBatch];
        Array.Fill(relations, PairRelation.Same);
        return new MetricBatch(items, null, new PairIndices(left, right, relations));
    }
}
