using Siamese.Distances;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary>
/// <see cref="ContrastiveLoss"/> (Hadsell et al. 2006, margin form) on balanced random pairs from class labels, or on
/// every pair of a pair list with its relation.
/// </summary>
public sealed record ContrastiveLossSpec : LossSpec
{
    /// <summary>The impostor margin, or null for <see cref="ContrastiveLoss.DefaultMargins"/> of the distance.</summary>
    public double? Margin { get; init; }

    /// <summary>The genuine margin, or null for <see cref="ContrastiveLoss.DefaultMargins"/> of the distance.</summary>
    public double? PositiveMargin { get; init; }

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => new RandomPairBatches(BatchSize / 2);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => new ListedPairBatches(BatchSize / 2);

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        var (margin, positive) = ContrastiveLoss.DefaultMargins(distance);
        return new ContrastiveLoss(distance, Margin ?? margin, PositiveMargin ?? positive);
    }
}
