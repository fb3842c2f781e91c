using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// A loss over pairs of embeddings. The distance is injected and the loss respects its direction,
/// so one loss serves distances and similarities alike. Subclasses implement one hook,
/// <see cref="PerPair"/>, which maps each pair's score and relation to that pair's loss; the batch
/// loss is the mean over pairs.
/// </summary>
public abstract class PairLoss
{
    /// <summary>Creates a loss that scores pairs with <paramref name="distance"/>.</summary>
    protected PairLoss(IDistance distance)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
    }

    /// <summary>The distance or similarity that scores each pair.</summary>
    public IDistance Distance { get; }

    /// <summary>Stable name used in model bundles and on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Mean loss of a batch of pairs.
    /// </summary>
    /// <param name="left">Embeddings of the pairs' first inputs, (N, D).</param>
    /// <param name="right">Embeddings of the pairs' second inputs, (N, D).</param>
    /// <param name="isSame">Boolean (N): true where the pair is genuine (<see cref="Samplers.PairRelation.Same"/>).</param>
    /// <returns>A scalar tensor.</returns>
    public Tensor Compute(Tensor left, Tensor right, Tensor isSame)
    {
        using var scope = NewDisposeScope();
        return PerPair(Distance.Paired(left, right), isSame).mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Each pair's loss from its score under <see cref="Distance"/> and its relation.
    /// </summary>
    /// <param name="scores">Distances or similarities, (N).</param>
    /// <param name="isSame">Boolean (N): true where the pair is genuine.</param>
    /// <returns>Per-pair losses, (N).</returns>
    public abstract Tensor PerPair(Tensor scores, Tensor isSame);
}
