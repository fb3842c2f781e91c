using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Siamese.Encoders;

/// <summary>The module a <see cref="TextEncoderSpec"/> builds. Its field names are the keys of its saved weights.</summary>
internal sealed class TextEncoder : Module<Tensor, Tensor>
{
    private readonly Embedding subwords;
    private readonly LSTM? lstm;
    private readonly GRU? gru;
    private readonly ModuleList<Module<Tensor, Tensor>>? convolutions;
    private readonly Linear projection;
    private readonly TextEncoderSpec spec;

    /// <summary>Builds the encoder; with <paramref name="sharedSubwords"/> its word vectors are that table (shared, not copied).</summary>
    public TextEncoder(TextEncoderSpec spec, Embedding? sharedSubwords = null)
        : base("TextEncoder")
    {
        this.spec = spec;
        subwords = sharedSubwords ?? Embedding(spec.VocabularySize, spec.WordDimension, padding_idx: 0);
        switch (spec.SequenceModel)
        {
            case TextEncoderKind.Lstm:
                lstm = LSTM(spec.WordDimension, spec.HiddenDimension, spec.Layers, batchFirst: true, bidirectional: spec.Bidirectional);
                break;
            case TextEncoderKind.Gru:
                gru = GRU(spec.WordDimension, spec.HiddenDimension, spec.Layers, batchFirst: true, bidirectional: spec.Bidirectional);
                break;
            default:
                convolutions = new ModuleList<Module<Tensor, Tensor>>(
                    spec.KernelSizes.Select(k => (Module<Tensor, Tensor>)Conv1d(spec.WordDimension, spec.HiddenDimension, k, padding: k / 2)).ToArray());
                break;
        }

        projection = Linear(spec.PooledDimension, spec.EmbeddingDimension);
        RegisterComponents();
    }

    /// <summary>The subword vector table (one row per bucket, row 0 the padding).</summary>
    public Embedding Subwords => subwords;

    public override Tensor forward(Tensor ids)
    {
        if (ids.dim() != 3)
        {
            throw new ArgumentException($"the text encoder takes subword ids of shape (batch, words, subwords), got {ids.dim()} dimensions", nameof(ids));
        }

        using var scope = NewDisposeScope();
        var present = ids.ne(0);
        var mask = present.any(-1);                                            // (B, W): real words
        var counts = present.sum(-1, keepdim: true).clamp_min(1).to(ScalarType.Float32);
        var words = subwords.forward(ids).sum(2) / counts;                     // (B, W, E): mean of a word's subwords
        var lengths = mask.sum(1).clamp_min(1);                                 // an empty text reads as one padding word
        var (outputs, last) = spec.SequenceModel == TextEncoderKind.Cnn ? (Convolve(words, mask), null) : Recur(words, lengths, ids.shape[1]);
        Tensor pooled = spec.Pooling switch
        {
            TextPooling.Last => last!,
            TextPooling.Max => outputs.masked_fill(mask.logical_not().unsqueeze(-1), float.NegativeInfinity).amax([1])
                .masked_fill(mask.any(1, keepdim: true).logical_not(), 0),
            _ => (outputs * mask.unsqueeze(-1)).sum(1) / lengths.unsqueeze(-1).to(ScalarType.Float32),
        };
        var embedding = projection.forward(pooled);
        if (spec.NormalizeOutput)
        {
            embedding = functional.normalize(embedding, p: 2, dim: 1);
        }

        return embedding.MoveToOuterDisposeScope();
    }

    /// <summary>Runs the recurrent layers on packed sequences: per-word outputs (B, W, H·D) and the last layer's final states (B, H·D).</summary>
    private (Tensor Outputs, Tensor Last) Recur(Tensor words, Tensor lengths, long width)
    {
        using var packed = nn.utils.rnn.pack_padded_sequence(words, lengths.cpu(), batch_first: true, enforce_sorted: false);
        Tensor hidden;
        nn.utils.rnn.PackedSequence output;
        if (lstm is not null)
        {
            (output, hidden, Tensor cell) = lstm.call(packed);
            cell.Dispose();
        }
        else
        {
            (output, hidden) = gru!.call(packed);
        }

        using (output)
        {
            var (padded, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: width);
            int directions = spec.Bidirectional ? 2 : 1;

            // hidden is (layers·directions, B, H) in the original batch order; the last layer's directions, side by side.
            var last = hidden.narrow(0, hidden.shape[0] - directions, directions).permute(1, 0, 2).reshape(hidden.shape[1], -1);
            return (padded, last);
        }
    }

    private Tensor Convolve(Tensor words, Tensor mask)
    {
        // Padding positions are zeroed first, so a text's own windows see the same zeros whatever the batch's width.
        var x = (words * mask.unsqueeze(-1)).transpose(1, 2);                  // (B, E, W)
        var maps = convolutions!.Select(conv => functional.relu(conv.forward(x))).ToArray();
        return cat(maps, 1).transpose(1, 2);                                    // (B, W, C·K)
    }
}
