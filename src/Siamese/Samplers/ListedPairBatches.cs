namespace Siamese.Samplers;

/// <summary>
/// The pairs of an explicit list, shuffled, each once per pass: every pair with its relation, or only the positive
/// pairs (for in-batch negatives: each pair's partner is every other pair's negative, the multiple-negatives loss).
/// </summary>
/// <param name="Pairs">Pairs per step (fewer when the list has fewer positives).</param>
/// <param name="PositivesOnly">Serve only the "same" pairs.</param>
public sealed record ListedPairBatches(int Pairs, bool PositivesOnly = false) : PairBatchPlan
{
    /// <inheritdoc />
    public override string Describe() => $"{Pairs} {(PositivesOnly ? "positive" : "listed")} pairs";

    /// <inheritdoc />
    public override void Validate() => RequirePairs(Pairs);

    /// <inheritdoc />
    public override IBatchSampler CreateSampler(PairIndices pairs, float[]? targets, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (!PositivesOnly)
        {
            return new PairBatchSampler(new PairListSampler(pairs, seed), Pairs);
        }

        var same = Enumerable.Range(0, pairs.Count).Where(i => pairs.Relations[i] == PairRelation.Same).ToArray();
        if (same.Length < 2)
        {
            throw new ArgumentException($"in-batch negatives need at least 2 positive pairs to set against each other; the list has {same.Length}");
        }

        var positives = new PairIndices(
            same.Select(i => pairs.Left[i]).ToArray(), same.Select(i => pairs.Right[i]).ToArray(), same.Select(_ => PairRelation.Same).ToArray());
        return new PairBatchSampler(new PairListSampler(positives, seed), Math.Min(Pairs, same.Length));
    }
}
