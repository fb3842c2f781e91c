namespace Siamese.Samplers;

/// <summary>
/// Serves a fixed list of pairs (for example read from a pair-list file) in batches: every pair once
/// per pass, in an order reshuffled for each pass from the seed.
/// </summary>
public sealed class PairListSampler : IPairSampler
{
    private readonly PairIndices pairs;
    private readonly Random random;
    private readonly int[] order;
    private int position;

    /// <summary>Creates a sampler over <paramref name="pairs"/>.</summary>
    public PairListSampler(PairIndices pairs, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("the pair list is empty", nameof(pairs));
        }

        this.pairs = pairs;
        random = new Random(seed);
        order = Enumerable.Range(0, pairs.Count).ToArray();
        position = order.Length;
    }

    /// <inheritdoc />
    public PairIndices Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var left = new int[count];
        var right = new int[count];
        var relations = new PairRelation[count];
        for (int i = 0; i < count; i++)
        {
            if (position == order.Length)
            {
                random.Shuffle(order);
                position = 0;
            }

            int k = order[position++];
            (left[i], right[i], relations[i]) = (pairs.Left[k], pairs.Right[k], pairs.Relations[k]);
        }

        return new PairIndices(left, right, relations);
    }
}
