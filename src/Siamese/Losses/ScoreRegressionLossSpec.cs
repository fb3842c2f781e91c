using Siamese.Distances;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary><see cref="ScoreRegressionLoss"/> (the MSE of a similarity against graded scores in [0, 1]) on scored pairs.</summary>
public sealed record ScoreRegressionLossSpec : LossSpec
{
    /// <inheritdoc />
    public override LabelBatchPlan? ClassLabelPlan => null;

    /// <inheritdoc />
    public override PairBatchPlan? PairListPlan => new ScoredPairBatches(BatchSize / 2);

    /// <inheritdoc />
    protected override MetricLoss Create(IDistance distance) => new ScoreRegressionLoss(distance);
}
