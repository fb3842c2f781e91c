using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>
/// "Batch hard" (Hermans, Beyer and Leibe 2017): one triplet per anchor, with the anchor's hardest
/// positive (the farthest item of its class) and hardest negative (the closest item of another class).
/// Anchors without a positive or a negative in the batch are skipped. Vectorised over one distance matrix.
/// </summary>
public sealed class BatchHardMiner : IMiner<TripletIndices>
{
    /// <summary>Creates the miner.</summary>
    /// <param name="distance">The distance the loss uses; its direction decides what "hardest" means.</param>
    public BatchHardMiner(IDistance distance)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
    }

    /// <summary>The distance.</summary>
    public IDistance Distance { get; }

    /// <inheritdoc />
    public string Name => "batch-hard";

    /// <inheritdoc />
    public TripletIndices Mine(Tensor embeddings, IReadOnlyList<int> labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var masks = new BatchMasks(embeddings, labels);
        var closeness = BatchMasks.Closeness(Distance, embeddings);
        var hardestPositive = masks.HardestPositive(closeness);
        var hardestNegative = masks.HardestNegative(closeness);
        var anchors = masks.HasPositiveAndNegative().nonzero().squeeze(1);
        var found = stack([anchors, hardestPositive.index_select(0, anchors), hardestNegative.index_select(0, anchors)], 1);
        var columns = BatchMasks.Columns(found);
        return new TripletIndices(columns[0], columns[1], columns[2]);
    }
}
