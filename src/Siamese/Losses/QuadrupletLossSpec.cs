using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary><see cref="QuadrupletLoss"/> (Chen et al. 2017): batch-hard quadruplets in class-balanced batches, or random quadruplets (miner none).</summary>
public sealed record QuadrupletLossSpec : LossSpec
{
    /// <summary>m1, the triplet term's margin (default 0.2).</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>m2, the negative-pair term's margin (default 0.1).</summary>
    public double SecondMargin { get; init; } = 0.1;

    /// <inheritdoc />
    public override IReadOnlyList<MinerKind> Miners => [MinerKind.BatchHard, MinerKind.None];

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => EffectiveMiner == MinerKind.None
        ? new RandomTupleBatches(4, BatchSize / 4)
        : new ClassBalancedBatches(BatchSize, SamplesPerClass);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => null;

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance) => new QuadrupletLoss(distance, Margin, SecondMargin);
}
