using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Contrastive loss, energy form (Chopra, Hadsell and LeCun 2005, "Learning a Similarity Metric
/// Discriminatively, with Application to Face Verification"). With E the energy (a distance, L1 in
/// the paper) and Q its upper bound, a genuine pair pays L_G = (2/Q)·E² and an impostor pair pays
/// L_I = 2Q·exp(−2.77·E/Q). The loss only makes sense when E really is bounded by Q, for example
/// L1 between L2-normalised embeddings of dimension d, where E ≤ 2√d.
/// </summary>
/// <remarks>
/// Labels: the paper writes Y = 0 for genuine and Y = 1 for impostor pairs; this class takes a
/// boolean "is same" mask instead, so no 0/1 convention is involved.
/// </remarks>
public sealed class EnergyContrastiveLoss : PairLoss
{
    /// <summary>The constant 2.77 of the paper (its choice for the exponent's slope).</summary>
    public const double ExponentSlope = 2.77;

    /// <summary>Creates the loss.</summary>
    /// <param name="distance">The energy; must be a distance (smaller is closer), not a similarity.</param>
    /// <param name="upperBound">Q, the upper bound of the energy; must be &gt; 0.</param>
    public EnergyContrastiveLoss(IDistance distance, double upperBound)
        : base(distance)
    {
        if (distance.LargerIsCloser)
        {
            throw new ArgumentException(
                $"the energy contrastive loss needs a distance (smaller is closer); '{distance.Name}' is a similarity", nameof(distance));
        }

        if (!(upperBound > 0) || double.IsInfinity(upperBound))
        {
            throw new ArgumentOutOfRangeException(nameof(upperBound), upperBound, "the energy bound Q must be a positive number");
        }

        UpperBound = upperBound;
    }

    /// <summary>Q, the upper bound of the energy.</summary>
    public double UpperBound { get; }

    /// <inheritdoc />
    public override string Name => "energy-contrastive";

    /// <summary>
    /// The upper bound of <paramref name="distance"/> between L2-normalised embeddings of the given
    /// dimension (L1: 2√d, L2: 2, squared L2: 4), or null when it has none.
    /// </summary>
    public static double? BoundForNormalizedEmbeddings(IDistance distance, int dimension) => distance.Name switch
    {
        "l1" => 2 * Math.Sqrt(dimension),
        "l2" => 2,
        "squared-l2" => 4,
        _ => null,
    };

    /// <inheritdoc />
    public override Tensor PerPair(Tensor scores, Tensor isSame)
    {
        using var scope = NewDisposeScope();
        var genuine = (2.0 / UpperBound) * scores.square();
        var impostor = (2.0 * UpperBound) * (-ExponentSlope / UpperBound * scores).exp();
        return where(isSame, genuine, impostor).MoveToOuterDisposeScope();
    }
}
