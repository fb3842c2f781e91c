using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// A loss defined over one kind of tuple (pairs, triplets, quadruplets). Subclasses implement one hook,
/// <see cref="Compute(Tensor, TTuples)"/>; given labels instead of tuples, the loss asks its
/// <see cref="Miner"/> for them.
/// </summary>
/// <typeparam name="TTuples">The kind of tuple.</typeparam>
public abstract class TupleLoss<TTuples> : MetricLoss
    where TTuples : class, IBatchTuples
{
    /// <summary>Creates the loss with the miner it uses on labelled batches unless told otherwise.</summary>
    protected TupleLoss(IDistance distance, IMiner<TTuples> defaultMiner)
        : base(distance)
    {
        Miner = defaultMiner ?? throw new ArgumentNullException(nameof(defaultMiner));
    }

    /// <summary>Selects the tuples of a labelled batch (each loss documents its default).</summary>
    public IMiner<TTuples> Miner { get; init; }

    /// <inheritdoc />
    public sealed override Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Compute(embeddings, Miner.Mine(embeddings.detach(), labels));
    }

    /// <inheritdoc />
    public sealed override Tensor Compute(Tensor embeddings, MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Tuples is TTuples tuples)
        {
            return Compute(embeddings, tuples);
        }

        if (batch.Labels is not null)
        {
            return Compute(embeddings, batch.Labels);
        }

        throw new ArgumentException(
            $"the {Name} loss needs {typeof(TTuples).Name} or class labels, but the batch carries only {batch.Tuples!.GetType().Name}");
    }

    /// <summary>Loss over the given tuples of a batch of embeddings (N, D); a scalar tensor (0 with a zero gradient when there are no tuples).</summary>
    public abstract Tensor Compute(Tensor embeddings, TTuples tuples);
}
