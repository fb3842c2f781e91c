using Siamese.Distances;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Networks;

/// <summary>
/// A Siamese (twin) network: one encoder G_W applied to both inputs of a pair, so the two branches
/// share every weight by construction (there is a single parameter set, and the gradients of both
/// branches accumulate in it), followed by a distance between the two embeddings.
/// </summary>
public sealed class TwinNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> encoder;

    // Registered when the distance has weights of its own (a learned head), so that they train, snapshot and
    // save with the encoder; null for fixed distances.
    private readonly nn.Module? head;

    /// <summary>Creates a twin network from any module that maps a batch of inputs to a batch of vectors.</summary>
    public TwinNetwork(nn.Module<Tensor, Tensor> encoder, IDistance distance)
        : base("TwinNetwork")
    {
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        head = distance as nn.Module;
        RegisterComponents();
    }

    /// <summary>The distance between the two branches' embeddings.</summary>
    public IDistance Distance { get; }

    /// <summary>The shared encoder.</summary>
    public nn.Module<Tensor, Tensor> Encoder => encoder;

    /// <summary>The distance's own weights when it is learned (e.g. <see cref="WeightedL1Similarity"/>), otherwise null.</summary>
    public nn.Module? Head => head;

    /// <summary>Scores of each pair (x1[i], x2[i]) under <see cref="Distance"/>, with gradients.</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        using var scope = NewDisposeScope();
        var (e1, e2) = EmbedPair(x1, x2);
        return Distance.Paired(e1, e2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Embeds both sides of a batch of pairs in one pass through the shared encoder (so batch
    /// normalisation sees both branches alike), with gradients.
    /// </summary>
    public (Tensor Left, Tensor Right) EmbedPair(Tensor x1, Tensor x2)
    {
        var both = EmbedTogether(x1, x2);
        return (both[0], both[1]);
    }

    /// <summary>
    /// The triplet network (Hoffer and Ailon 2015): anchors, positives and negatives through the one shared
    /// encoder in a single pass, with gradients. Any number of branches works the same way
    /// (<see cref="EmbedTogether"/>); they all share every weight.
    /// </summary>
    public (Tensor Anchors, Tensor Positives, Tensor Negatives) EmbedTriplet(Tensor anchors, Tensor positives, Tensor negatives)
    {
        var all = EmbedTogether(anchors, positives, negatives);
        return (all[0], all[1], all[2]);
    }

    /// <summary>
    /// Embeds several equally long batches (the branches of a pair, triplet or quadruplet) in one pass
    /// through the shared encoder, with gradients; one embedding batch per input batch.
    /// </summary>
    public Tensor[] EmbedTogether(params Tensor[] branches)
    {
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Length == 0 || branches.Any(b => b.shape[0] != branches[0].shape[0]))
        {
            throw new ArgumentException($"the branches of a batch must be equally long; got sizes {string.Join(", ", branches.Select(b => b.shape[0]))}");
        }

        using var scope = NewDisposeScope();
        var all = encoder.forward(cat(branches, 0));
        return all.split(branches.Select(b => b.shape[0]).ToArray(), 0).Select(t => t.MoveToOuterDisposeScope()).ToArray();
    }

    /// <summary>Embeddings of <paramref name="inputs"/> (N, ...) → (N, D), in evaluation mode and without gradients, in chunks.</summary>
    public Tensor Embed(Tensor inputs, int chunkSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        bool wasTraining = training;
        eval();
        try
        {
            using var noGrad = no_grad();
            long n = inputs.shape[0];
            if (n <= chunkSize)
            {
                return EmbedForComparison(inputs);
            }

            var chunks = new List<Tensor>();
            using var scope = NewDisposeScope();
            for (long start = 0; start < n; start += chunkSize)
            {
                using var chunkScope = NewDisposeScope();
                long length = Math.Min(chunkSize, n - start);
                chunks.Add(EmbedForComparison(inputs.narrow(0, start, length)).MoveToOuterDisposeScope());
            }

            return cat(chunks, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            train(wasTraining);
        }
    }

    /// <summary>
    /// The embeddings handed out for comparison: the encoder's output, or the inner layer its specification names
    /// (<see cref="Encoders.EmbeddingLayer"/>); in the caller's mode and gradient setting.
    /// </summary>
    internal Tensor EmbedForComparison(Tensor inputs) =>
        encoder is Encoders.IInferenceEncoder inference ? inference.Embed(inputs) : encoder.forward(inputs);

    /// <summary>Scores of each pair (x1[i], x2[i]) in evaluation mode without gradients.</summary>
    public Tensor Compare(Tensor x1, Tensor x2)
    {
        using var scope = NewDisposeScope();
        var e1 = Embed(x1);
        var e2 = Embed(x2);
        using var noGrad = no_grad();
        return Distance.Paired(e1, e2).MoveToOuterDisposeScope();
    }
}
