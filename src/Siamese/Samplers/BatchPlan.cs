namespace Siamese.Samplers;

/// <summary>
/// What a training step is made of, as a loss spec declares it: the plan alone chooses the sampler, so no code
/// elsewhere decides batches by the loss's name. <see cref="LabelBatchPlan"/>s draw from class labels,
/// <see cref="PairBatchPlan"/>s from an explicit list of pairs.
/// </summary>
public abstract record BatchPlan
{
    /// <summary>Inputs one drawn tuple takes (2 for pairs, 3 for triplets, ...), 1 for class-balanced batches.</summary>
    public abstract int TupleWidth { get; }

    /// <summary>What one step trains on, e.g. "128 random pairs".</summary>
    public abstract string Describe();

    /// <summary>Throws <see cref="ArgumentException"/> when the plan cannot make a batch.</summary>
    public abstract void Validate();

    /// <summary>Throws unless a step holds at least 2 pairs (a pair loss and its in-batch negatives need two).</summary>
    protected static void RequirePairs(int pairs)
    {
        if (pairs < 2)
        {
            throw new ArgumentException($"a step needs at least 2 pairs (got {pairs})");
        }
    }
}
