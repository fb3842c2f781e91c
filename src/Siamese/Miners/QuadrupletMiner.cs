using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>
/// Selects quadruplets (anchor, positive, negative, second negative) from a labelled batch for the
/// quadruplet loss (Chen et al. 2017), all of them or the batch-hard ones, over one distance matrix.
/// </summary>
public sealed class QuadrupletMiner : IMiner<QuadrupletIndices>
{
    /// <summary>Creates the miner.</summary>
    /// <param name="distance">The distance the loss uses.</param>
    /// <param name="selection">Which quadruplets to keep.</param>
    public QuadrupletMiner(IDistance distance, QuadrupletSelection selection)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        Selection = selection;
    }

    /// <summary>The distance.</summary>
    public IDistance Distance { get; }

    /// <summary>Which quadruplets are kept.</summary>
    public QuadrupletSelection Selection { get; }

    /// <inheritdoc />
    public string Name => Selection == QuadrupletSelection.BatchHard ? "batch-hard" : "all";

    /// <inheritdoc />
    public QuadrupletIndices Mine(Tensor embeddings, IReadOnlyList<int> labels)
    {
        if (Selection == QuadrupletSelection.All)
        {
            BatchMasks.RequireOneLabelEach(embeddings, labels);
            return QuadrupletIndices.AllValid(labels);
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var masks = new BatchMasks(embeddings, labels);
        var closeness = BatchMasks.Closeness(Distance, embeddings);
        var hardestPositive = masks.HardestPositive(closeness);
        var hardestNegative = masks.HardestNegative(closeness);

        // Second negative of anchor i: closest to n_i among items of neither i's class nor n_i's class.
        var negativeRows = closeness.index_select(0, hardestNegative);
        var allowed = masks.Negative.logical_and(masks.Negative.index_select(0, hardestNegative));
        var secondNegative = negativeRows.masked_fill(allowed.logical_not(), double.NegativeInfinity).argmax(1);
        var usable = masks.HasPositiveAndNegative().logical_and(allowed.any(1));
        var anchors = usable.nonzero().squeeze(1);
        var found = stack(
            [anchors, hardestPositive.index_select(0, anchors), hardestNegative.index_select(0, anchors), secondNegative.index_select(0, anchors)], 1);
        var columns = BatchMasks.Columns(found);
        return new QuadrupletIndices(columns[0], columns[1], columns[2], columns[3]);
    }
}
