using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary>
/// <see cref="BinaryCrossEntropyLoss"/> on p(same) from a learned head (Koch et al. 2015; distance "weighted-l1"):
/// balanced random pairs or a pair list (miner none, the default), or pairs formed inside class-balanced batches
/// (hard-pair, all).
/// </summary>
public sealed record BinaryCrossEntropyLossSpec : LossSpec
{
    /// <inheritdoc />
    public override IReadOnlyList<MinerKind> Miners => [MinerKind.None, MinerKind.HardPair, MinerKind.All];

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => EffectiveMiner == MinerKind.None
        ? new RandomPairBatches(BatchSize / 2)
        : new ClassBalancedBatches(BatchSize, SamplesPerClass);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => EffectiveMiner == MinerKind.None ? new ListedPairBatches(BatchSize / 2) : null;

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        return new BinaryCrossEntropyLoss(distance)
        {
            Miner = new PairMiner(distance, EffectiveMiner == MinerKind.HardPair ? PairSelection.Hard : PairSelection.All),
        };
    }
}
