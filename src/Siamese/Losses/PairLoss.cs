using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// A loss over pairs of embeddings. Subclasses implement one hook, <see cref="PerPair"/>, which maps each
/// pair's score and relation to that pair's loss; the batch loss is the mean over pairs. Given explicit
/// pairs (the twin network's pre-drawn pairs) it scores those; given a labelled batch it scores the pairs
/// its <see cref="TupleLoss{TTuples}.Miner"/> forms inside the batch (the online contrastive loss), by
/// default every pair (<see cref="PairSelection.All"/>).
/// </summary>
public abstract class PairLoss : TupleLoss<PairIndices>
{
    /// <summary>Creates a loss that scores pairs with <paramref name="distance"/>.</summary>
    protected PairLoss(IDistance distance)
        : base(distance, new PairMiner(distance, PairSelection.All))
    {
    }

    /// <summary>
    /// Mean loss of a batch of pairs.
    /// </summary>
    /// <param name="left">Embeddings of the pairs' first inputs, (N, D).</param>
    /// <param name="right">Embeddings of the pairs' second inputs, (N, D).</param>
    /// <param name="isSame">Boolean (N): true where the pair is genuine (<see cref="PairRelation.Same"/>).</param>
    /// <returns>A scalar tensor.</returns>
    public Tensor Compute(Tensor left, Tensor right, Tensor isSame)
    {
        using var scope = NewDisposeScope();
        return PerPair(Distance.Paired(left, right), isSame).mean().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, PairIndices tuples)
    {
        ArgumentNullException.ThrowIfNull(tuples);
        using var scope = NewDisposeScope();
        if (tuples.Count == 0)
        {
            return Zero(embeddings).MoveToOuterDisposeScope();
        }

        var left = embeddings.index_select(0, Index(tuples.Left));
        var right = embeddings.index_select(0, Index(tuples.Right));
        return Compute(left, right, tensor(tuples.IsSame())).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Each pair's loss from its score under <see cref="MetricLoss.Distance"/> and its relation.
    /// </summary>
    /// <param name="scores">Distances or similarities, (N).</param>
    /// <param name="isSame">Boolean (N): true where the pair is genuine.</param>
    /// <returns>Per-pair losses, (N).</returns>
    public abstract Tensor PerPair(Tensor scores, Tensor isSame);
}
