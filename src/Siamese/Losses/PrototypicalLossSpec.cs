using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary><see cref="PrototypicalLoss"/> (Snell et al. 2017): class-balanced batches read as N-way K-shot episodes.</summary>
public sealed record PrototypicalLossSpec : LossSpec
{
    /// <summary>K, the support items per class in each training episode (default 1); the rest of each class's items are queries.</summary>
    public int Shots { get; init; } = 1;

    /// <summary>
    /// The temperature dividing the closeness (default 0.2, which on L2-normalised embeddings and the squared L2
    /// distance equals N-pair's 0.1 on cosine).
    /// </summary>
    public double Temperature { get; init; } = 0.2;

    /// <inheritdoc />
    public override IReadOnlyList<MinerKind> Miners => [MinerKind.Episode];

    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => new ClassBalancedBatches(BatchSize, SamplesPerClass);

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => null;

    /// <inheritdoc />
    public override string DescribeBatch() =>
        $"{BatchSize / SamplesPerClass}-way {Shots}-shot episodes with {SamplesPerClass - Shots} queries per class";

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance) => new PrototypicalLoss(distance, Shots, Temperature);

    /// <inheritdoc />
    protected override void ValidateSettings()
    {
        if (Shots < 1 || SamplesPerClass <= Shots)
        {
            throw new ArgumentException($"prototypical episodes need at least 1 shot and more samples per class than shots, so each class has queries (shots {Shots}, samples per class {SamplesPerClass})");
        }

        if (!(Temperature > 0))
        {
            throw new ArgumentException($"the prototypical temperature must be positive (got {Temperature})");
        }
    }
}
