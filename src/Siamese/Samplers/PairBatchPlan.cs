namespace Siamese.Samplers;

/// <summary>A batch plan that draws from an explicit list of labelled (or scored) pairs, without class labels.</summary>
public abstract record PairBatchPlan : BatchPlan
{
    /// <inheritdoc />
    public override int TupleWidth => 2;

    /// <summary>The sampler of this plan's batches over <paramref name="pairs"/>.</summary>
    /// <param name="pairs">The pairs over data-set items.</param>
    /// <param name="targets">Each pair's target in [0, 1] for scored plans, or null to use 1 for same and 0 for different.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">The list holds no pairs the plan can use.</exception>
    public abstract IBatchSampler CreateSampler(PairIndices pairs, float[]? targets, int seed);
}
