using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary>The online contrastive loss: <see cref="ContrastiveLoss"/> over the pairs mined inside class-balanced batches.</summary>
public sealed record OnlineContrastiveLossSpec : LossSpec
{
    /// <summary>The impostor margin, or null for <see cref="ContrastiveLoss.DefaultMargins"/> of the distance.</summary>
    public double? Margin { get; init; }

    /// <summary>The genuine margin, or null for <see cref="ContrastiveLoss.DefaultMargins"/> of the distance.</summary>
    public double? PositiveMargin { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<MinerKind> Miners => [MinerKind.HardPair, MinerKind.All];

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => new ClassBalancedBatches(BatchSize, SamplesPerClass);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => null;

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        var (margin, positive) = ContrastiveLoss.DefaultMargins(distance);
        return new ContrastiveLoss(distance, Margin ?? margin, PositiveMargin ?? positive)
        {
            Miner = new PairMiner(distance, EffectiveMiner == MinerKind.HardPair ? PairSelection.Hard : PairSelection.All),
        };
    }
}
