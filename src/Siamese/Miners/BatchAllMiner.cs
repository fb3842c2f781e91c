using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>
/// "Batch all" (Hermans, Beyer and Leibe 2017): every valid triplet of the batch — each anchor with each
/// other item of its class as positive and each item of another class as negative. Together with a loss
/// averaged over its non-zero terms this is the batch-all triplet loss. Vectorised over one boolean mask.
/// </summary>
public sealed class BatchAllMiner : IMiner<TripletIndices>
{
    /// <inheritdoc />
    public string Name => "all";

    /// <inheritdoc />
    public TripletIndices Mine(Tensor embeddings, IReadOnlyList<int> labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var masks = new BatchMasks(embeddings, labels);
        var valid = masks.Positive.unsqueeze(2).logical_and(masks.Negative.unsqueeze(1));
        var columns = BatchMasks.Columns(valid.nonzero());
        return new TripletIndices(columns[0], columns[1], columns[2]);
    }
}
