using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// A metric-learning loss over a batch of embeddings. The distance is injected and the loss respects
/// its direction, so one loss serves distances and similarities alike. Every loss learns either from
/// class labels (it then forms or mines its tuples inside the batch) or from explicit tuples; the
/// trainer hands it a <see cref="MetricBatch"/> that carries one or both, and never needs to know which
/// loss it is training. A loss is a module: one with weights of its own (proxies, a learned scale) registers them,
/// and the trainer optimises them together with the network's.
/// </summary>
public abstract class MetricLoss : TorchSharp.torch.nn.Module
{
    /// <summary>Creates a loss that scores pairs with <paramref name="distance"/>.</summary>
    protected MetricLoss(IDistance distance)
        : base("loss")
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
    }

    /// <summary>The distance or similarity that scores pairs of embeddings.</summary>
    public IDistance Distance { get; }

    /// <summary>Stable name used in model bundles and on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>Loss of a labelled batch of embeddings (N, D), over the tuples the loss forms or mines from the labels; a scalar tensor.</summary>
    public abstract Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels);

    /// <summary>
    /// Loss of a training batch whose embeddings (N, D) are in batch order: over the batch's explicit
    /// tuples when they are of the kind this loss takes, otherwise over tuples mined from its labels.
    /// </summary>
    /// <exception cref="ArgumentException">The batch carries neither tuples of this loss's kind nor labels.</exception>
    public abstract Tensor Compute(Tensor embeddings, MetricBatch batch);

    /// <summary>A zero that keeps the graph (and so a gradient of zeros) when a batch yields no tuples.</summary>
    protected static Tensor Zero(Tensor embeddings) => embeddings.sum() * 0;

    /// <summary>Reduces per-tuple losses (T) to a scalar.</summary>
    protected static Tensor Reduce(Tensor perTuple, LossReduction reduction) => reduction switch
    {
        LossReduction.Mean => perTuple.mean(),
        _ => perTuple.sum() / (perTuple > 0).sum().clamp_min(1),
    };

    /// <summary>An index array as a long tensor.</summary>
    protected static Tensor Index(int[] indices) => tensor(indices).to(ScalarType.Int64);

    /// <summary>Entries [rows[k], columns[k]] of a square matrix, (K), keeping the graph.</summary>
    protected static Tensor Gather(Tensor matrix, int[] rows, int[] columns)
    {
        using var scope = NewDisposeScope();
        long n = matrix.shape[1];
        var flat = (Index(rows) * n) + Index(columns);
        return matrix.reshape(-1).index_select(0, flat).MoveToOuterDisposeScope();
    }
}
