using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Contrastive loss, margin form (Hadsell, Chopra and LeCun 2006, "Dimensionality Reduction by
/// Learning an Invariant Mapping"). For a distance D (smaller is closer):
/// a genuine pair pays ½·max(0, D − p)² and an impostor pair pays ½·max(0, m − D)², where m is the
/// <see cref="Margin"/> and p the <see cref="PositiveMargin"/> (0 in the paper: genuine pairs are
/// pulled all the way together). For a similarity S (larger is closer) the same shape is mirrored:
/// a genuine pair pays ½·max(0, p − S)² and an impostor pair ½·max(0, S − m)².
/// </summary>
/// <remarks>
/// Labels: the paper writes Y = 0 for similar and Y = 1 for dissimilar pairs; this class takes a
/// boolean "is same" mask instead, so no 0/1 convention is involved.
/// </remarks>
public sealed class ContrastiveLoss : PairLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="distance">Scores each pair.</param>
    /// <param name="margin">
    /// For distances, impostor pairs closer than this pay (must be &gt; 0 and &gt; <paramref name="positiveMargin"/>).
    /// For similarities, impostor pairs more similar than this pay.
    /// </param>
    /// <param name="positiveMargin">
    /// For distances, genuine pairs farther apart than this pay (default 0, must be ≥ 0). For
    /// similarities, genuine pairs less similar than this pay (must exceed <paramref name="margin"/>).
    /// </param>
    public ContrastiveLoss(IDistance distance, double margin, double positiveMargin)
        : base(distance)
    {
        if (double.IsNaN(margin) || double.IsNaN(positiveMargin))
        {
            throw new ArgumentException("margins must be numbers");
        }

        if (distance.LargerIsCloser)
        {
            if (positiveMargin <= margin)
            {
                throw new ArgumentException(
                    $"for the similarity '{distance.Name}' the positive margin ({positiveMargin}) must exceed the margin ({margin})");
            }
        }
        else
        {
            if (margin <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must be greater than 0");
            }

            if (positiveMargin < 0 || positiveMargin >= margin)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(positiveMargin), positiveMargin, $"positive margin must be at least 0 and below the margin ({margin})");
            }
        }

        Margin = margin;
        PositiveMargin = positiveMargin;
    }

    /// <summary>The impostor margin m.</summary>
    public double Margin { get; }

    /// <summary>The genuine margin p.</summary>
    public double PositiveMargin { get; }

    /// <inheritdoc />
    public override string Name => "contrastive";

    /// <summary>Default margins for a distance: (1, 0) for distances, (0, 1) for similarities.</summary>
    public static (double Margin, double PositiveMargin) DefaultMargins(IDistance distance) =>
        distance.LargerIsCloser ? (0.0, 1.0) : (1.0, 0.0);

    /// <inheritdoc />
    public override Tensor PerPair(Tensor scores, Tensor isSame)
    {
        using var scope = NewDisposeScope();
        Tensor genuine, impostor;
        if (Distance.LargerIsCloser)
        {
            genuine = (PositiveMargin - scores).clamp_min(0).square();
            impostor = (scores - Margin).clamp_min(0).square();
        }
        else
        {
            genuine = (scores - PositiveMargin).clamp_min(0).square();
            impostor = (Margin - scores).clamp_min(0).square();
        }

        return (0.5 * where(isSame, genuine, impostor)).MoveToOuterDisposeScope();
    }
}
