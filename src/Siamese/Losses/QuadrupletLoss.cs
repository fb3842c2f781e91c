using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Quadruplet loss (Chen, Chen, Zhang and Huang 2017, "Beyond triplet loss: a deep quadruplet network for
/// person re-identification"). For a distance D and a quadruplet (a, p, n, n2) it adds to the triplet term
/// max(0, D(a, p) − D(a, n) + m1) a second term max(0, D(a, p) − D(n, n2) + m2), which asks the positive
/// pair to be closer than a negative pair (n, n2) that does not involve the anchor at all, with a smaller
/// margin m2; this pushes towards a larger margin between classes everywhere, not only around each anchor.
/// For a similarity both terms are mirrored. Each term is reduced on its own and the two are added.
/// Given a labelled batch it mines with <see cref="QuadrupletMiner"/> (<see cref="QuadrupletSelection.BatchHard"/>)
/// unless another <see cref="TupleLoss{TTuples}.Miner"/> is set.
/// </summary>
public sealed class QuadrupletLoss : TupleLoss<QuadrupletIndices>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="distance">Scores the pairs.</param>
    /// <param name="margin">m1, the triplet term's margin (≥ 0).</param>
    /// <param name="secondMargin">m2, the second term's margin (≥ 0; Chen et al. use about half of m1).</param>
    /// <param name="reduction">How each term's per-quadruplet losses are combined.</param>
    public QuadrupletLoss(IDistance distance, double margin = 0.2, double secondMargin = 0.1, LossReduction reduction = LossReduction.MeanOfNonZero)
        : base(distance, new QuadrupletMiner(distance, QuadrupletSelection.BatchHard))
    {
        if (!(margin >= 0) || double.IsInfinity(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the quadruplet margin must be a number of at least 0");
        }

        if (!(secondMargin >= 0) || double.IsInfinity(secondMargin))
        {
            throw new ArgumentOutOfRangeException(nameof(secondMargin), secondMargin, "the second margin must be a number of at least 0");
        }

        Margin = margin;
        SecondMargin = secondMargin;
        Reduction = reduction;
    }

    /// <inheritdoc />
    public override string Name => "quadruplet";

    /// <summary>m1, the triplet term's margin.</summary>
    public double Margin { get; }

    /// <summary>m2, the second (negative-pair) term's margin.</summary>
    public double SecondMargin { get; }

    /// <summary>How each term is reduced.</summary>
    public LossReduction Reduction { get; }

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, QuadrupletIndices tuples)
    {
        ArgumentNullException.ThrowIfNull(tuples);
        using var scope = NewDisposeScope();
        if (tuples.Count == 0)
        {
            return Zero(embeddings).MoveToOuterDisposeScope();
        }

        var (triplet, second) = PerQuadruplet(embeddings, tuples);
        return (Reduce(triplet, Reduction) + Reduce(second, Reduction)).MoveToOuterDisposeScope();
    }

    /// <summary>Each quadruplet's triplet term and second term, (Q) each.</summary>
    public (Tensor Triplet, Tensor Second) PerQuadruplet(Tensor embeddings, QuadrupletIndices quadruplets)
    {
        ArgumentNullException.ThrowIfNull(quadruplets);
        using var scope = NewDisposeScope();
        var d = Distance.Matrix(embeddings, embeddings);
        var ap = Gather(d, quadruplets.Anchors, quadruplets.Positives);
        var an = Gather(d, quadruplets.Anchors, quadruplets.Negatives);
        var nn2 = Gather(d, quadruplets.Negatives, quadruplets.SecondNegatives);
        var first = Distance.LargerIsCloser ? an - ap : ap - an;
        var second = Distance.LargerIsCloser ? nn2 - ap : ap - nn2;
        return ((first + Margin).clamp_min(0).MoveToOuterDisposeScope(), (second + SecondMargin).clamp_min(0).MoveToOuterDisposeScope());
    }
}
