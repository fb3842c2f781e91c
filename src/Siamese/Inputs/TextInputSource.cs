using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Inputs;

/// <summary>
/// Feeds texts to a trainer: each gathered batch is subword ids (batch, words, subwords), padded with 0, the input a
/// <see cref="Encoders.TextEncoderSpec"/> encoder takes. Each text is tokenized the first time it is gathered and
/// kept (its words, ids and offsets: about 0.8 KB for a sentence of 7 words), so later epochs only pad.
/// </summary>
public sealed class TextInputSource : IInputSource
{
    private readonly IReadOnlyList<string> texts;
    private readonly HashingTokenizer tokenizer;
    private readonly TokenizedText?[] tokenized;

    /// <summary>
    /// Wraps <paramref name="texts"/>, tokenized with <paramref name="tokenizer"/> as they are first gathered; the
    /// texts must not change afterwards.
    /// </summary>
    public TextInputSource(IReadOnlyList<string> texts, HashingTokenizer tokenizer)
    {
        this.texts = texts ?? throw new ArgumentNullException(nameof(texts));
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        tokenized = new TokenizedText?[texts.Count];
    }

    /// <inheritdoc />
    public int Count => texts.Count;

    /// <summary>
    /// The texts of a pair set by side, for <c>TwinNetwork.EmbedItems</c>: first-side texts are
    /// items 0 … n − 1, second-side texts follow (the numbering of <see cref="Samplers.TextPairItems.Of"/>).
    /// </summary>
    public static TwoSidedInputSource ForPairs(Data.TextPairSet pairs, HashingTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new TwoSidedInputSource(new TextInputSource(pairs.FirstTexts, tokenizer), new TextInputSource(pairs.SecondTexts, tokenizer));
    }

    /// <inheritdoc />
    /// <remarks>The ids tensor belongs to the caller's dispose scope.</remarks>
    public Tensor Gather(ReadOnlySpan<int> indices)
    {
        var batch = new TokenizedText[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var text = texts[indices[i]]; // first, so a bad index fails with the texts' own exception
            batch[i] = tokenized[indices[i]] ??= tokenizer.Tokenize(text);
        }

        return TokenizedBatch.Pad(batch).Ids;
    }
}
