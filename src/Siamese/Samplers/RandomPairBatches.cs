namespace Siamese.Samplers;

/// <summary>Balanced random pairs (half genuine) drawn from class labels: the twin network of Bromley and Chopra.</summary>
/// <param name="Pairs">Pairs per step.</param>
public sealed record RandomPairBatches(int Pairs) : LabelBatchPlan
{
    /// <inheritdoc />
    public override int TupleWidth => 2;

    /// <inheritdoc />
    public override string Describe() => $"{Pairs} random pairs";

    /// <inheritdoc />
    public override void Validate() => RequirePairs(Pairs);

    /// <inheritdoc />
    public override IBatchSampler CreateSampler(IReadOnlyList<int> labels, int seed) =>
        new PairBatchSampler(new BalancedPairSampler(labels, seed), Pairs);
}
