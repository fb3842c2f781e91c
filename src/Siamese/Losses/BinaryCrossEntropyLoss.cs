using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Binary cross-entropy on same/different pairs (Koch, Zemel and Salakhutdinov 2015): the pair's score is read
/// as the logit of p(same), and a genuine pair pays −log σ(s) while an impostor pair pays −log(1 − σ(s)).
/// Made for the learned head <see cref="WeightedL1Similarity"/>, whose score is exactly that logit; any other
/// similarity would be read as a logit too, so the loss refuses distances (smaller is closer).
/// </summary>
/// <remarks>Labels are <see cref="PairRelation"/> (a boolean "is same" mask inside), never 0/1.</remarks>
public sealed class BinaryCrossEntropyLoss : PairLoss
{
    /// <summary>Creates the loss over a similarity whose scores are logits.</summary>
    /// <exception cref="ArgumentException">The distance is not a similarity.</exception>
    public BinaryCrossEntropyLoss(IDistance distance)
        : base(distance)
    {
        if (!distance.LargerIsCloser)
        {
            throw new ArgumentException($"the binary cross-entropy loss reads scores as logits of p(same); '{distance.Name}' is a distance (use --distance {WeightedL1Similarity.DistanceName})");
        }
    }

    /// <inheritdoc />
    public override string Name => "bce";

    /// <inheritdoc />
    public override Tensor PerPair(Tensor scores, Tensor isSame)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isSame);
        using var scope = NewDisposeScope();
        var target = isSame.to(scores.dtype);
        return nn.functional.binary_cross_entropy_with_logits(scores, target, reduction: nn.Reduction.None).MoveToOuterDisposeScope();
    }
}
