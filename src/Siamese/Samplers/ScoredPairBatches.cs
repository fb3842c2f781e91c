namespace Siamese.Samplers;

/// <summary>Pairs with graded targets in [0, 1], each once per pass; binary pairs count as 1 (same) and 0 (different).</summary>
/// <param name="Pairs">Pairs per step.</param>
public sealed record ScoredPairBatches(int Pairs) : PairBatchPlan
{
    /// <inheritdoc />
    public override string Describe() => $"{Pairs} scored pairs";

    /// <inheritdoc />
    public override void Validate() => RequirePairs(Pairs);

    /// <inheritdoc />
    public override IBatchSampler CreateSampler(PairIndices pairs, float[]? targets, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var scores = targets ?? Array.ConvertAll(pairs.Relations, r => r == PairRelation.Same ? 1f : 0f);
        return new ScoredPairBatchSampler(new ScoredPairIndices(pairs.Left, pairs.Right, scores), Pairs, seed);
    }
}
