using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary>
/// <see cref="NPairLoss"/> (N-pair, multiple negatives, InfoNCE): every positive pair of a class-balanced batch against
/// all in-batch negatives, or the positive pairs of a pair list against each other's partners.
/// </summary>
public sealed record NPairLossSpec : LossSpec
{
    /// <summary>The softmax temperature (default 0.1).</summary>
    public double Temperature { get; init; } = 0.1;

    /// <inheritdoc />
    public override IReadOnlyList<MinerKind> Miners => [MinerKind.All];

    /// <summary>
    /// "1nn": N-pair ranks each positive above the batch's negatives, so nearest-neighbour accuracy among the
    /// validation items tracks what it learns; pair AUC peaks early and would keep an under-trained epoch.
    /// </summary>
    public override string? SelectionMetric => "1nn";

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => new ClassBalancedBatches(BatchSize, SamplesPerClass);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => new ListedPairBatches(BatchSize / 2, PositivesOnly: true);

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance) => new NPairLoss(distance, Temperature);

    /// <inheritdoc />
    protected override void ValidateSettings()
    {
        if (!(Temperature > 0))
        {
            throw new ArgumentException($"the npair temperature must be positive (got {Temperature})");
        }
    }
}
