using Siamese.Distances;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary><see cref="EnergyContrastiveLoss"/> (Chopra et al. 2005) on balanced random pairs, or on the pairs of a pair list.</summary>
public sealed record EnergyContrastiveLossSpec : LossSpec
{
    /// <summary>
    /// The energy bound Q (the loss's only margin), or null to take the bound of L2-normalised embeddings, which
    /// <see cref="ForEmbeddings"/> fills in.
    /// </summary>
    public double? Margin { get; init; }

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => new RandomPairBatches(BatchSize / 2);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => new ListedPairBatches(BatchSize / 2);

    /// <inheritdoc />
    public override LossSpec ForEmbeddings(IDistance distance, int dimension, bool normalized)
    {
        ArgumentNullException.ThrowIfNull(distance);
        if (Margin is not null)
        {
            return this;
        }

        double? bound = normalized ? EnergyContrastiveLoss.BoundForNormalizedEmbeddings(distance, dimension) : null;
        return this with { Margin = bound ?? throw new ArgumentException("--margin: the energy contrastive loss needs its bound Q for this distance; give --margin") };
    }

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance) => new EnergyContrastiveLoss(
        distance, Margin ?? throw new ArgumentException("the energy contrastive loss needs its energy bound Q as the margin"));
}
