using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary>
/// <see cref="TripletMarginLoss"/>: over class-balanced batches with batch-hard (default), semi-hard or all triplets,
/// or over random triplets (miner none: the triplet network of Hoffer and Ailon).
/// </summary>
public sealed record TripletLossSpec : LossSpec
{
    /// <summary>The margin (default 0.2; not used by the soft-margin form).</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>The soft-margin form log(1 + exp(x)) instead of the hinge.</summary>
    public bool SoftMargin { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<MinerKind> Miners => [MinerKind.BatchHard, MinerKind.SemiHard, MinerKind.All, MinerKind.None];

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => EffectiveMiner == MinerKind.None
        ? new RandomTupleBatches(3, BatchSize / 3)
        : new ClassBalancedBatches(BatchSize, SamplesPerClass);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => null;

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        return new TripletMarginLoss(distance, Margin, SoftMargin)
        {
            Miner = EffectiveMiner switch
            {
                MinerKind.BatchHard => new BatchHardMiner(distance),
                MinerKind.SemiHard => new TripletMarginMiner(distance, Margin, TripletSelection.SemiHard),
                _ => new BatchAllMiner(),
            },
        };
    }
}
