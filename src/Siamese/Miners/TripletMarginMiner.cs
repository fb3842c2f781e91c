using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>
/// Selects triplets of a labelled batch by how much they violate a margin. Vectorised: one distance
/// matrix per batch and boolean masks over (anchor, positive, negative); no gradients are taken.
/// </summary>
public sealed class TripletMarginMiner : IMiner<TripletIndices>
{
    /// <summary>Creates the miner.</summary>
    /// <param name="distance">The distance the loss will use.</param>
    /// <param name="margin">The miner's margin m (≥ 0).</param>
    /// <param name="selection">Which triplets to keep.</param>
    public TripletMarginMiner(IDistance distance, double margin, TripletSelection selection)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        if (!(margin >= 0) || double.IsInfinity(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the miner margin must be a number of at least 0");
        }

        Margin = margin;
        Selection = selection;
    }

    /// <summary>The distance.</summary>
    public IDistance Distance { get; }

    /// <summary>The miner's margin.</summary>
    public double Margin { get; }

    /// <summary>Which triplets are kept.</summary>
    public TripletSelection Selection { get; }

    /// <inheritdoc />
    public string Name => Selection switch
    {
        TripletSelection.All => "margin",
        TripletSelection.Hard => "hard",
        TripletSelection.SemiHard => "semi-hard",
        _ => "easy",
    };

    /// <summary>The selected triplets of <paramref name="embeddings"/> (N, D) with <paramref name="labels"/>.</summary>
    public TripletIndices Mine(Tensor embeddings, IReadOnlyList<int> labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var masks = new BatchMasks(embeddings, labels);
        var d = Distance.Matrix(embeddings, embeddings);
        var valid = masks.Positive.unsqueeze(2).logical_and(masks.Negative.unsqueeze(1));
        var ap = d.unsqueeze(2);
        var an = d.unsqueeze(1);
        var t = Distance.LargerIsCloser ? ap - an : an - ap;
        var keep = Selection switch
        {
            TripletSelection.All => t <= Margin,
            TripletSelection.Hard => t <= 0,
            TripletSelection.SemiHard => (t > 0).logical_and(t <= Margin),
            _ => t > Margin,
        };
        var columns = BatchMasks.Columns(valid.logical_and(keep).nonzero());
        return new TripletIndices(columns[0], columns[1], columns[2]);
    }
}
