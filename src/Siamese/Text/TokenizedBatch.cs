using static TorchSharp.torch;

namespace Siamese.Text;

/// <summary>
/// A batch of texts as padded tensors, ready for an encoder that embeds each bucket id, sums or averages the ids of
/// each word, then pools the words:
/// <list type="bullet">
/// <item><see cref="Ids"/>: int64 (B, W, G) — text, word, id within the word; padding is 0.</item>
/// <item><see cref="Mask"/>: bool (B, W) — true where the word is real.</item>
/// </list>
/// W is the largest word count and G the largest number of ids of one word in the batch (each at least 1, so an
/// all-empty batch still has shape (B, 1, 1) with an all-false mask). With an embedding whose padding row is 0, the
/// per-word sum is <c>embedding(Ids).sum(2)</c> and the per-word id count is <c>(Ids != 0).sum(2)</c>.
/// Disposing the batch disposes both tensors.
/// </summary>
public sealed class TokenizedBatch : IDisposable
{
    internal TokenizedBatch(Tensor ids, Tensor mask, IReadOnlyList<TokenizedText> texts)
    {
        Ids = ids;
        Mask = mask;
        Texts = texts;
    }

    /// <summary>Bucket ids, int64 of shape (B, W, G), 0 for padding.</summary>
    public Tensor Ids { get; }

    /// <summary>Real words, bool of shape (B, W).</summary>
    public Tensor Mask { get; }

    /// <summary>The tokenized texts the tensors were built from, in batch order.</summary>
    public IReadOnlyList<TokenizedText> Texts { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Ids.Dispose();
        Mask.Dispose();
    }
}
