namespace Siamese.Samplers;

/// <summary>
/// Serves pairs with graded targets for the graded losses (score regression, CoSENT): a fixed number of pairs per
/// batch, drawn without replacement from a seeded shuffle of all the pairs and reshuffled each time they run out.
/// Each batch embeds the pairs' left items, then their right items.
/// </summary>
public sealed class ScoredPairBatchSampler : IBatchSampler
{
    private readonly ScoredPairIndices pairs;
    private readonly int pairsPerBatch;
    private readonly Random random;
    private readonly int[] order;
    private int position;

    /// <summary>Creates the sampler.</summary>
    /// <param name="pairs">All training pairs with their targets, over data-set item indices.</param>
    /// <param name="pairsPerBatch">Pairs in each batch.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public ScoredPairBatchSampler(ScoredPairIndices pairs, int pairsPerBatch, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerBatch, 1);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("there are no pairs to draw from", nameof(pairs));
        }

        this.pairs = pairs;
        this.pairsPerBatch = pairsPerBatch;
        random = new Random(seed);
        order = Enumerable.Range(0, pairs.Count).ToArray();
        position = order.Length;
    }

    /// <inheritdoc />
    public MetricBatch Next()
    {
        var items = new int[2 * pairsPerBatch];
        var scores = new float[pairsPerBatch];
        for (int i = 0; i < pairsPerBatch; i++)
        {
            if (position == order.Length)
            {
                random.Shuffle(order);
                position = 0;
            }

            int k = order[position++];
            items[i] = pairs.Left[k];
            items[pairsPerBatch + i] = pairs.Right[k];
            scores[i] = pairs.Scores[k];
        }

        return new MetricBatch(
            items,
            null,
            new ScoredPairIndices(Enumerable.Range(0, pairsPerBatch).ToArray(), Enumerable.Range(pairsPerBatch, pairsPerBatch).ToArray(), scores));
    }
}
