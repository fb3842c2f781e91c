using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Triplet margin loss (Schroff et al. 2015 "FaceNet"; Hoffer and Ailon 2015). For a distance D (smaller
/// is closer) a triplet pays max(0, D(a, p) − D(a, n) + m); for a similarity S the direction flips:
/// max(0, S(a, n) − S(a, p) + m). The soft-margin variant replaces the hinge with log(1 + exp(x)) and
/// has no margin. The distance is injected, so the same loss serves L2 and cosine alike.
/// </summary>
public sealed class TripletMarginLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="distance">Scores anchor–positive and anchor–negative pairs.</param>
    /// <param name="margin">The hinge margin m (must be ≥ 0; ignored by the soft variant).</param>
    /// <param name="soft">Use log(1 + exp(x)) instead of the hinge.</param>
    /// <param name="reduction">How per-triplet losses are combined.</param>
    public TripletMarginLoss(IDistance distance, double margin = 0.2, bool soft = false, TripletReduction reduction = TripletReduction.MeanOfNonZero)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        if (!(margin >= 0) || double.IsInfinity(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the triplet margin must be a number of at least 0");
        }

        Margin = margin;
        Soft = soft;
        Reduction = reduction;
    }

    /// <summary>The distance or similarity.</summary>
    public IDistance Distance { get; }

    /// <summary>The hinge margin.</summary>
    public double Margin { get; }

    /// <summary>Whether the soft-margin variant is used.</summary>
    public bool Soft { get; }

    /// <summary>How per-triplet losses are combined.</summary>
    public TripletReduction Reduction { get; }

    /// <summary>Loss over every valid triplet of a labelled batch of embeddings (N, D).</summary>
    public Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels) =>
        Compute(embeddings, TripletIndices.AllValid(labels));

    /// <summary>Loss over the given triplets of a batch of embeddings (N, D); a scalar tensor.</summary>
    public Tensor Compute(Tensor embeddings, TripletIndices triplets)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        using var scope = NewDisposeScope();
        if (triplets.Count == 0)
        {
            return (embeddings.sum() * 0).MoveToOuterDisposeScope();
        }

        var perTriplet = PerTriplet(embeddings, triplets);
        Tensor result = Reduction switch
        {
            TripletReduction.Mean => perTriplet.mean(),
            _ => perTriplet.sum() / (perTriplet > 0).sum().clamp_min(1),
        };
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Each triplet's loss, (T).</summary>
    public Tensor PerTriplet(Tensor embeddings, TripletIndices triplets)
    {
        using var scope = NewDisposeScope();
        var a = embeddings.index_select(0, Index(triplets.Anchors));
        var p = embeddings.index_select(0, Index(triplets.Positives));
        var n = embeddings.index_select(0, Index(triplets.Negatives));
        var ap = Distance.Paired(a, p);
        var an = Distance.Paired(a, n);
        var violation = Distance.LargerIsCloser ? an - ap : ap - an;
        var loss = Soft ? nn.functional.softplus(violation) : (violation + Margin).clamp_min(0);
        return loss.MoveToOuterDisposeScope();
    }

    private static Tensor Index(int[] indices) => tensor(Array.ConvertAll(indices, i => (long)i));
}
