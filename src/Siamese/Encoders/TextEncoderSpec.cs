using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>
/// A text encoder over subword ids: each word is the mean of the embeddings of its subword buckets (fastText style,
/// so unseen words still get a vector), then a recurrent (LSTM, GRU) or convolutional sequence model, pooling over
/// the real words, and a linear projection to the embedding.
/// </summary>
/// <remarks>
/// Input: an int64 tensor of bucket ids (batch, words, subwords per word); 0 is padding, a word is real when any of
/// its ids is non-zero, and the real words of a text come first. Padding never changes a text's embedding: recurrent
/// kinds run on packed sequences and pooling masks the padding, so a text embeds the same alone or in a batch padded
/// to a longer text. The image-shape fields of <see cref="EncoderSpec"/> are not used.
/// </remarks>
public sealed record TextEncoderSpec : EncoderSpec, ITokenEncoderSpec
{
    /// <summary>Number of subword ids, padding (0) included: the tokenizer's bucket count + 1.</summary>
    public int VocabularySize { get; init; } = (1 << 18) + 1;

    /// <summary>Length of a word vector.</summary>
    public int WordDimension { get; init; } = 64;

    /// <summary>The sequence model (default LSTM).</summary>
    public TextEncoderKind SequenceModel { get; init; } = TextEncoderKind.Lstm;

    /// <summary>Units per direction of the recurrent layers, or channels per kernel size of the CNN.</summary>
    public int HiddenDimension { get; init; } = 128;

    /// <summary>Recurrent layers (recurrent kinds).</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Whether the recurrent layers run in both directions.</summary>
    public bool Bidirectional { get; init; } = true;

    /// <summary>Kernel sizes (in words) of the CNN kind.</summary>
    public int[] KernelSizes { get; init; } = [3, 5];

    /// <summary>How per-word outputs become one vector (default mean).</summary>
    public TextPooling Pooling { get; init; } = TextPooling.Mean;

    /// <summary>Length of the pooled vector fed to the projection.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int PooledDimension => SequenceModel == TextEncoderKind.Cnn
        ? HiddenDimension * KernelSizes.Length
        : HiddenDimension * (Bidirectional ? 2 : 1);

    /// <summary>Largest <see cref="VocabularySize"/> accepted: 2^24 subword ids and the padding.</summary>
    public const int MaxVocabularySize = (1 << 24) + 1;

    /// <summary>Most kernel sizes of the CNN kind accepted.</summary>
    public const int MaxKernelCount = 16;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require(VocabularySize >= 2, "the vocabulary needs padding and at least one id");
        Require(VocabularySize <= MaxVocabularySize, $"vocabulary size must be at most {MaxVocabularySize}, not {VocabularySize}");
        Require(WordDimension >= 1 && HiddenDimension >= 1, "word and hidden dimensions must be at least 1");
        Require(WordDimension <= MaxLayerWidth, $"word dimension must be at most {MaxLayerWidth}, not {WordDimension}");
        Require(HiddenDimension <= MaxLayerWidth, $"hidden dimension must be at most {MaxLayerWidth}, not {HiddenDimension}");
        Require(Layers >= 1, "a recurrent encoder needs at least 1 layer");
        Require(Layers <= MaxLayers, $"layers must be at most {MaxLayers}, not {Layers}");
        Require(Enum.IsDefined(SequenceModel), $"the sequence model must be lstm, gru or cnn, not {(int)SequenceModel}");
        Require(Enum.IsDefined(Pooling), $"the pooling must be mean, max or last, not {(int)Pooling}");
        Require(SequenceModel != TextEncoderKind.Cnn || (KernelSizes.Length >= 1 && KernelSizes.All(k => k >= 1 && k % 2 == 1)), "CNN kernel sizes must be odd and positive");
        Require(SequenceModel != TextEncoderKind.Cnn || (KernelSizes.Length <= MaxKernelCount && KernelSizes.All(k => k <= MaxKernelSize)),
            $"the CNN text encoder takes at most {MaxKernelCount} kernel sizes, each at most {MaxKernelSize}");
        Require(SequenceModel != TextEncoderKind.Cnn || Pooling != TextPooling.Last, "the CNN text encoder pools by mean or max, not last state");
        RequireWeightsWithinLimit(CountWeights());
    }

    /// <summary>The weights the <see cref="TextEncoder"/> of these (otherwise valid) settings holds, its word vectors included.</summary>
    private long CountWeights()
    {
        long hidden = HiddenDimension;
        long weights = (long)VocabularySize * WordDimension;
        if (SequenceModel == TextEncoderKind.Cnn)
        {
            weights += KernelSizes.Sum(k => (WordDimension * hidden * k) + hidden);
        }
        else
        {
            // Per layer and direction: input-to-hidden and hidden-to-hidden weights and two biases for each gate.
            long gates = (SequenceModel == TextEncoderKind.Lstm ? 4 : 3) * hidden;
            int directions = Bidirectional ? 2 : 1;
            for (int layer = 0; layer < Layers; layer++)
            {
                long inputs = layer == 0 ? WordDimension : hidden * directions;
                weights += directions * ((gates * inputs) + (gates * hidden) + (2 * gates));
            }
        }

        return weights + ((long)PooledDimension * EmbeddingDimension) + EmbeddingDimension;
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build()
    {
        Validate();
        return new TextEncoder(this);
    }

    /// <summary>
    /// Builds an encoder that uses the word-vector table of <paramref name="other"/> (one table, two sequence models:
    /// a pseudo-Siamese network whose branches share what they know about words).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="other"/> is not a text encoder with the same vocabulary size and word dimension.</exception>
    public nn.Module<Tensor, Tensor> BuildSharingWordVectors(nn.Module<Tensor, Tensor> other)
    {
        Validate();
        if (other is not TextEncoder text || text.Subwords.weight!.shape[0] != VocabularySize || text.Subwords.weight.shape[1] != WordDimension)
        {
            throw new ArgumentException($"word vectors can be shared only with a text encoder of {VocabularySize} ids and {WordDimension}-d word vectors");
        }

        return new TextEncoder(this, text.Subwords);
    }
}
