using Siamese.Distances;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary><see cref="CoSentLoss"/> (Su 2022) on pairs with graded scores in [0, 1], each once per pass.</summary>
public sealed record CoSentLossSpec : LossSpec
{
    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => null;

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => new ScoredPairBatches(BatchSize / 2);

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance) => new CoSentLoss(distance);
}
