using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Training;

/// <summary>
/// Feeds texts to a trainer: each gathered batch is tokenized into subword ids (batch, words, subwords), padded with
/// 0, the input a <see cref="Encoders.TextEncoderSpec"/> encoder takes.
/// </summary>
public sealed class TextInputSource : IInputSource
{
    private readonly IReadOnlyList<string> texts;
    private readonly HashingTokenizer tokenizer;

    /// <summary>Wraps <paramref name="texts"/>, tokenized with <paramref name="tokenizer"/> as they are gathered.</summary>
    public TextInputSource(IReadOnlyList<string> texts, HashingTokenizer tokenizer)
    {
        this.texts = texts ?? throw new ArgumentNullException(nameof(texts));
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
    }

    /// <inheritdoc />
    public int Count => texts.Count;

    /// <summary>
    /// The texts of a pair set by side, for <see cref="Networks.TwinNetwork.EmbedItems"/>: first-side texts are
    /// items 0 … n − 1, second-side texts follow (the numbering of <see cref="Data.TextPairSet.ItemPairs"/>).
    /// </summary>
    public static TwoSidedInputSource ForPairs(Data.TextPairSet pairs, HashingTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new TwoSidedInputSource(new TextInputSource(pairs.FirstTexts, tokenizer), new TextInputSource(pairs.SecondTexts, tokenizer));
    }

    /// <inheritdoc />
    /// <remarks>The ids tensor (and the batch's mask) belong to the caller's dispose scope.</remarks>
    public Tensor Gather(ReadOnlySpan<int> indices)
    {
        var batch = new string[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            batch[i] = texts[indices[i]];
        }

        return tokenizer.TokenizeBatch(batch).Ids;
    }
}
