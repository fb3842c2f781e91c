using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Triplet margin loss (Schroff et al. 2015 "FaceNet"; Hoffer and Ailon 2015). For a distance D (smaller
/// is closer) a triplet pays max(0, D(a, p) − D(a, n) + m); for a similarity S the direction flips:
/// max(0, S(a, n) − S(a, p) + m). The soft-margin variant replaces the hinge with log(1 + exp(x)) and
/// has no margin. The distance is injected, so the same loss serves L2 and cosine alike. Given a
/// labelled batch it uses every valid triplet (<see cref="BatchAllMiner"/>) unless another
/// <see cref="TupleLoss{TTuples}.Miner"/> is set.
/// </summary>
public sealed class TripletMarginLoss : TupleLoss<TripletIndices>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="distance">Scores anchor–positive and anchor–negative pairs.</param>
    /// <param name="margin">The hinge margin m (must be ≥ 0; ignored by the soft variant).</param>
    /// <param name="soft">Use log(1 + exp(x)) instead of the hinge.</param>
    /// <param name="reduction">How per-triplet losses are combined.</param>
    public TripletMarginLoss(IDistance distance, double margin = 0.2, bool soft = false, LossReduction reduction = LossReduction.MeanOfNonZero)
        : base(distance, new BatchAllMiner())
    {
        if (!(margin >= 0) || double.IsInfinity(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the triplet margin must be a number of at least 0");
        }

        Margin = margin;
        Soft = soft;
        Reduction = reduction;
    }

    /// <inheritdoc />
    public override string Name => "triplet";

    /// <summary>The hinge margin.</summary>
    public double Margin { get; }

    /// <summary>Whether the soft-margin variant is used.</summary>
    public bool Soft { get; }

    /// <summary>How per-triplet losses are combined.</summary>
    public LossReduction Reduction { get; }

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, TripletIndices tuples)
    {
        ArgumentNullException.ThrowIfNull(tuples);
        using var scope = NewDisposeScope();
        if (tuples.Count == 0)
        {
            return Zero(embeddings).MoveToOuterDisposeScope();
        }

        return Reduce(PerTriplet(embeddings, tuples), Reduction).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Each triplet's loss, (T). Scores come from one distance matrix of the batch, so even the millions of
    /// triplets of a batch-all step cost only scalar look-ups.
    /// </summary>
    public Tensor PerTriplet(Tensor embeddings, TripletIndices triplets)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        using var scope = NewDisposeScope();
        var d = Distance.Matrix(embeddings, embeddings);
        var ap = Gather(d, triplets.Anchors, triplets.Positives);
        var an = Gather(d, triplets.Anchors, triplets.Negatives);
        var violation = Distance.LargerIsCloser ? an - ap : ap - an;
        var loss = Soft ? nn.functional.softplus(violation) : (violation + Margin).clamp_min(0);
        return loss.MoveToOuterDisposeScope();
    }
}
