using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// N-pair / multiple-negatives ranking loss (Sohn 2016, "Improved Deep Metric Learning with Multi-class
/// N-pair Loss Objective"; InfoNCE, van den Oord et al. 2018; NT-Xent, Chen et al. 2020): each positive
/// pair is scored against all the in-batch negatives at once through a softmax with a temperature T.
/// With c(x, y) the closeness (the similarity, or minus the distance), a positive pair (a, p) pays
/// −log( exp(c(a,p)/T) / (exp(c(a,p)/T) + Σₙ exp(c(a,n)/T)) ).
/// </summary>
/// <remarks>
/// <para>From labels: every ordered pair of two items of one class is a positive pair, and the negatives
/// of anchor a are the items of other classes (the supervised form, with no false negatives); the loss is
/// the mean over positive pairs.</para>
/// <para>From explicit pairs (all <see cref="PairRelation.Same"/>, e.g. question and answer): each anchor's
/// negatives are the other pairs' second items (the multiple-negatives ranking loss); the loss is the mean
/// cross-entropy of picking one's own partner. Two pairs that happen to share a class become false
/// negatives of each other, as in the original.</para>
/// </remarks>
public sealed class NPairLoss : MetricLoss
{
    /// <summary>Stands in for −∞ in masked logits, so rows without any negative keep finite gradients.</summary>
    private const double MaskedLogit = -1e9;

    /// <summary>Creates the loss.</summary>
    /// <param name="distance">Scores the pairs; distances enter the softmax negated.</param>
    /// <param name="temperature">T &gt; 0; smaller values concentrate the loss on the hardest negatives (default 0.1).</param>
    public NPairLoss(IDistance distance, double temperature = 0.1)
        : base(distance)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be a positive number");
        }

        Temperature = temperature;
    }

    /// <inheritdoc />
    public override string Name => "npair";

    /// <summary>The softmax temperature T.</summary>
    public double Temperature { get; }

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var masks = new BatchMasks(embeddings, labels);
        var logits = Closeness(Distance.Matrix(embeddings, embeddings));
        var negatives = logits.masked_fill(masks.Negative.logical_not(), MaskedLogit).logsumexp(1);
        var positive = masks.Positive.nonzero();
        if (positive.shape[0] == 0)
        {
            return Zero(embeddings).MoveToOuterDisposeScope();
        }

        var anchors = positive.select(1, 0);
        var partners = positive.select(1, 1);
        var x = logits.reshape(-1).index_select(0, (anchors * embeddings.shape[0]) + partners);

        // −log(e^x / (e^x + e^L)) = softplus(L − x), stable for any L and x.
        return nn.functional.softplus(negatives.index_select(0, anchors) - x).mean().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Tuples is PairIndices pairs
            ? Compute(embeddings, pairs)
            : batch.Labels is not null
                ? Compute(embeddings, batch.Labels)
                : throw new ArgumentException($"the {Name} loss needs positive PairIndices or class labels, but the batch carries only {batch.Tuples!.GetType().Name}");
    }

    /// <summary>The multiple-negatives ranking loss over explicit positive pairs (all <see cref="PairRelation.Same"/>).</summary>
    /// <exception cref="ArgumentException">A pair is not <see cref="PairRelation.Same"/>.</exception>
    public Tensor Compute(Tensor embeddings, PairIndices pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Relations.Any(r => r != PairRelation.Same))
        {
            throw new ArgumentException($"the {Name} loss takes positive pairs only; in-batch negatives come from the other pairs", nameof(pairs));
        }

        using var scope = NewDisposeScope();
        if (pairs.Count == 0)
        {
            return Zero(embeddings).MoveToOuterDisposeScope();
        }

        var anchors = embeddings.index_select(0, Index(pairs.Left));
        var partners = embeddings.index_select(0, Index(pairs.Right));
        var logits = Closeness(Distance.Matrix(anchors, partners));
        return nn.functional.cross_entropy(logits, arange(pairs.Count, dtype: ScalarType.Int64)).MoveToOuterDisposeScope();
    }

    private Tensor Closeness(Tensor scores) => Distance.Closeness(scores) / Temperature;
}
