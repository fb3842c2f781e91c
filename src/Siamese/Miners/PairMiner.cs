using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>
/// Forms pairs inside a labelled batch for a pair loss (the online contrastive loss): all of them, or
/// only the hard ones (<see cref="PairSelection.Hard"/>). Each unordered pair appears at most once, with
/// the lower index on the left. Vectorised over one distance matrix.
/// </summary>
public sealed class PairMiner : IMiner<PairIndices>
{
    /// <summary>Creates the miner.</summary>
    /// <param name="distance">The distance the loss uses.</param>
    /// <param name="selection">Which pairs to keep.</param>
    public PairMiner(IDistance distance, PairSelection selection)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        Selection = selection;
    }

    /// <summary>The distance.</summary>
    public IDistance Distance { get; }

    /// <summary>Which pairs are kept.</summary>
    public PairSelection Selection { get; }

    /// <inheritdoc />
    public string Name => Selection == PairSelection.Hard ? "hard-pair" : "all";

    /// <inheritdoc />
    public PairIndices Mine(Tensor embeddings, IReadOnlyList<int> labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var masks = new BatchMasks(embeddings, labels);
        long n = embeddings.shape[0];
        var upper = ones(n, n, dtype: ScalarType.Bool).triu(1);
        var genuine = masks.Positive.logical_and(upper);
        var impostor = masks.Negative.logical_and(upper);
        if (Selection == PairSelection.Hard)
        {
            var closeness = BatchMasks.Closeness(Distance, embeddings);

            // Per item: the closeness of its closest impostor and of its farthest genuine partner.
            var closestImpostor = closeness.masked_fill(masks.Negative.logical_not(), double.NegativeInfinity).amax([1]);
            var farthestGenuine = closeness.masked_fill(masks.Positive.logical_not(), double.PositiveInfinity).amin([1]);
            var hardGenuine = (closeness < closestImpostor.unsqueeze(1)).logical_or(closeness < closestImpostor.unsqueeze(0));
            var hardImpostor = (closeness > farthestGenuine.unsqueeze(1)).logical_or(closeness > farthestGenuine.unsqueeze(0));
            genuine = genuine.logical_and(hardGenuine);
            impostor = impostor.logical_and(hardImpostor);
        }

        var same = BatchMasks.Columns(genuine.nonzero());
        var different = BatchMasks.Columns(impostor.nonzero());
        var relations = new PairRelation[same[0].Length + different[0].Length];
        Array.Fill(relations, PairRelation.Same, 0, same[0].Length);
        Array.Fill(relations, PairRelation.Different, same[0].Length, different[0].Length);
        return new PairIndices([.. same[0], .. different[0]], [.. same[1], .. different[1]], relations);
    }
}
