using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Mean squared error between each pair's similarity and its graded target in [0, 1]. Over the cosine similarity it is
/// sentence-transformers' CosineSimilarityLoss; over exp(−L1) (<see cref="ExpNegativeL1Similarity"/>, which lies in (0, 1])
/// it is the MaLSTM objective of Mueller and Thyagarajan (2016).
/// </summary>
public sealed class ScoreRegressionLoss : GradedPairLoss
{
    /// <summary>Creates the loss over a similarity.</summary>
    public ScoreRegressionLoss(IDistance distance)
        : base(distance)
    {
    }

    /// <inheritdoc />
    public override string Name => "score-mse";

    /// <inheritdoc />
    public override Tensor Compute(Tensor similarities, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        ArgumentNullException.ThrowIfNull(targets);
        return nn.functional.mse_loss(similarities, targets);
    }
}
