namespace Siamese.Samplers;

/// <summary>A batch plan that draws from items with class labels.</summary>
public abstract record LabelBatchPlan : BatchPlan
{
    /// <summary>The sampler of this plan's batches over items with <paramref name="labels"/>.</summary>
    /// <param name="labels">Each item's class.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <exception cref="ArgumentException">The labels cannot feed the plan (e.g. a class with one sample).</exception>
    public abstract IBatchSampler CreateSampler(IReadOnlyList<int> labels, int seed);
}
