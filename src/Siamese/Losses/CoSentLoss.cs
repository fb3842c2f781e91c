using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// CoSENT (Su 2022): a ranking loss over the pairs of a batch. Whenever pair i has a higher target than pair j, it
/// should also have the higher similarity: loss = log(1 + Σ over such (i, j) of exp(λ·(s_j − s_i))). Only the order
/// of the targets matters, so it suits graded scores whose scale means little (STS, relevance grades).
/// </summary>
public sealed class CoSentLoss : GradedPairLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="distance">A similarity.</param>
    /// <param name="scale">λ &gt; 0 (default 20, as in the paper, for cosine).</param>
    public CoSentLoss(IDistance distance, double scale = 20)
        : base(distance)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be a positive number");
        }

        Scale = scale;
    }

    /// <inheritdoc />
    public override string Name => "cosent";

    /// <summary>λ, the scale of the similarity differences.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public override Tensor Compute(Tensor similarities, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();

        // differences[i, j] = λ·(s_j − s_i), kept where target_i > target_j; log(1 + Σ e^x) = logsumexp over [0, x…].
        var differences = (similarities.unsqueeze(0) - similarities.unsqueeze(1)) * Scale;
        var ordered = targets.unsqueeze(1) > targets.unsqueeze(0);
        var kept = differences.masked_select(ordered);
        return cat([zeros(1, dtype: kept.dtype), kept]).logsumexp(0).MoveToOuterDisposeScope();
    }
}
