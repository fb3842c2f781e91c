using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// A loss over pairs with graded similarity targets (<see cref="ScoredPairIndices"/>). Graded scores cannot be mined
/// from class labels, so a batch must carry its scored pairs. Subclasses implement one hook, <see cref="Compute(Tensor, Tensor)"/>,
/// from the pairs' similarities and targets. The distance must be a similarity (larger is closer).
/// </summary>
public abstract class GradedPairLoss : MetricLoss
{
    /// <summary>Creates the loss over a similarity.</summary>
    /// <exception cref="ArgumentException">The distance is not a similarity.</exception>
    protected GradedPairLoss(IDistance distance)
        : base(distance)
    {
        if (!distance.LargerIsCloser)
        {
            throw new ArgumentException($"graded losses compare similarities with scores in [0, 1]; '{distance.Name}' is a distance (use cosine or exp-l1)");
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Always: graded targets do not follow from class labels.</exception>
    public override Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels) =>
        throw new ArgumentException($"the {Name} loss learns from pairs with graded scores (ScoredPairIndices), not from class labels");

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Tuples is ScoredPairIndices pairs
            ? Compute(embeddings, pairs)
            : throw new ArgumentException($"the {Name} loss needs pairs with graded scores (ScoredPairIndices)");
    }

    /// <summary>Loss of the scored pairs of a batch of embeddings (N, D); 0 with a zero gradient for no pairs.</summary>
    public Tensor Compute(Tensor embeddings, ScoredPairIndices pairs)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(pairs);
        using var scope = NewDisposeScope();
        if (pairs.Count == 0)
        {
            return Zero(embeddings).MoveToOuterDisposeScope();
        }

        var left = embeddings.index_select(0, Index(pairs.Left));
        var right = embeddings.index_select(0, Index(pairs.Right));
        var similarities = Distance.Paired(left, right);
        return Compute(similarities, tensor(pairs.Scores).to(similarities.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>The loss from each pair's similarity (P) and target score in [0, 1] (P); a scalar.</summary>
    public abstract Tensor Compute(Tensor similarities, Tensor targets);
}
