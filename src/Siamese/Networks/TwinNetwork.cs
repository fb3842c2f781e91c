using Siamese.Distances;
using Siamese.Inputs;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Networks;

/// <summary>
/// A Siamese (twin) network: one encoder G_W applied to both inputs of a pair, so the two branches
/// share every weight by construction (there is a single parameter set, and the gradients of both
/// branches accumulate in it), followed by a distance between the two embeddings. Built with a second
/// encoder it is a pseudo-Siamese network: the first input of each pair goes through the first encoder
/// and the second input through the second, with no weight shared (the two may differ in kind, e.g. an
/// LSTM for a title and a CNN for a body), both projected to one embedding space.
/// </summary>
public sealed class TwinNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> encoder;

    // The second branch of a pseudo-Siamese network; null for a twin, whose branches share the one encoder.
    private readonly nn.Module<Tensor, Tensor>? secondEncoder;

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

    /// <summary>
    /// Creates a pseudo-Siamese network: <paramref name="firstEncoder"/> embeds the first input of each pair and
    /// <paramref name="secondEncoder"/> the second; the two share no weight and must embed to the same length.
    /// </summary>
    /// <exception cref="ArgumentException">The two encoders are the same module (use the twin constructor).</exception>
    public TwinNetwork(nn.Module<Tensor, Tensor> firstEncoder, nn.Module<Tensor, Tensor> secondEncoder, IDistance distance)
        : base("TwinNetwork")
    {
        encoder = firstEncoder ?? throw new ArgumentNullException(nameof(firstEncoder));
        this.secondEncoder = secondEncoder ?? throw new ArgumentNullException(nameof(secondEncoder));
        if (ReferenceEquals(firstEncoder, secondEncoder))
        {
            throw new ArgumentException("a pseudo-Siamese network needs two separate encoders; for shared weights build a twin from one encoder", nameof(secondEncoder));
        }

        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        head = distance as nn.Module;
        RegisterComponents();
    }

    /// <summary>The distance between the two branches' embeddings.</summary>
    public IDistance Distance { get; }

    /// <summary>The shared encoder of a twin; the first branch's encoder of a pseudo-Siamese network.</summary>
    public nn.Module<Tensor, Tensor> Encoder => encoder;

    /// <summary>The second branch's encoder of a pseudo-Siamese network; null for a twin.</summary>
    public nn.Module<Tensor, Tensor>? SecondEncoder => secondEncoder;

    /// <summary>Whether the two inputs go through two separate encoders (no weight shared).</summary>
    public bool IsPseudoSiamese => secondEncoder is not null;

    /// <summary>The encoder that embeds inputs of <paramref name="side"/>.</summary>
    public nn.Module<Tensor, Tensor> EncoderFor(PairSide side) => side == PairSide.Second && secondEncoder is not null ? secondEncoder : encoder;

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
        if (secondEncoder is not null)
        {
            return (encoder.forward(x1), secondEncoder.forward(x2));
        }

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

        if (secondEncoder is not null)
        {
            throw new InvalidOperationException("a pseudo-Siamese network has a first and a second branch; embed each side with EmbedPair or EmbedItems");
        }

        using var scope = NewDisposeScope();
        var all = encoder.forward(cat(branches, 0));
        return all.split(branches.Select(b => b.shape[0]).ToArray(), 0).Select(t => t.MoveToOuterDisposeScope()).ToArray();
    }

    /// <summary>Embeddings of <paramref name="inputs"/> (N, ...) → (N, D), in evaluation mode and without gradients, in chunks (first side).</summary>
    public Tensor Embed(Tensor inputs, int chunkSize = 1024) => Embed(inputs, PairSide.First, chunkSize);

    /// <summary>
    /// Embeddings of <paramref name="inputs"/> (N, ...) → (N, D) as inputs of <paramref name="side"/> (the branch
    /// that side goes through; both sides are alike in a twin), in evaluation mode and without gradients, in chunks.
    /// </summary>
    public Tensor Embed(Tensor inputs, PairSide side, int chunkSize = 1024)
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
                return EmbedForComparison(inputs, side);
            }

            var chunks = new List<Tensor>();
            using var scope = NewDisposeScope();
            for (long start = 0; start < n; start += chunkSize)
            {
                using var chunkScope = NewDisposeScope();
                long length = Math.Min(chunkSize, n - start);
                chunks.Add(EmbedForComparison(inputs.narrow(0, start, length), side).MoveToOuterDisposeScope());
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
    internal Tensor EmbedForComparison(Tensor inputs, PairSide side = PairSide.First) =>
        EncoderFor(side) is Encoders.IInferenceEncoder inference ? inference.Embed(inputs) : EncoderFor(side).forward(inputs);

    /// <summary>
    /// Embeds the data-set items of a batch in the caller's mode and gradient setting, one row per item in batch
    /// order. Items of a two-sided source (<see cref="IInputSource.IsTwoSided"/>, e.g. <see cref="TwoSidedInputSource"/>)
    /// go through their side's branch (each side gathered on its own, so sides may differ in shape); items of any other
    /// source through the first branch.
    /// </summary>
    /// <param name="inputs">The data set the items index into.</param>
    /// <param name="items">Data-set item indices.</param>
    /// <param name="forComparison">Hand out the embedding used for comparison (an inner layer when the encoder names one) instead of the trained output.</param>
    /// <exception cref="InvalidOperationException">A pseudo-Siamese network given inputs that do not say each item's side.</exception>
    public Tensor EmbedItems(IInputSource inputs, ReadOnlySpan<int> items, bool forComparison = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Tensor Run(Tensor x, PairSide side) => forComparison ? EmbedForComparison(x, side) : EncoderFor(side).forward(x);
        if (secondEncoder is not null && !inputs.IsTwoSided)
        {
            throw new InvalidOperationException("a pseudo-Siamese network needs inputs that say each item's side (TwoSidedInputSource)");
        }

        return inputs.PerSide(items, (source, sideIndices, side) => Run(source.Gather(sideIndices), side));
    }

    /// <summary>Scores of each pair (x1[i], x2[i]) in evaluation mode without gradients.</summary>
    public Tensor Compare(Tensor x1, Tensor x2)
    {
        using var scope = NewDisposeScope();
        var e1 = Embed(x1, PairSide.First);
        var e2 = Embed(x2, PairSide.Second);
        using var noGrad = no_grad();
        return Distance.Paired(e1, e2).MoveToOuterDisposeScope();
    }
}
