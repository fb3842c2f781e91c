using static TorchSharp.torch;

namespace Siamese.Text;

/// <summary>
/// A batch of texts as padded tensors, ready for an encoder that embeds each bucket id, sums or averages the ids of
/// each word, then pools the words:
/// <list type="bullet">
/// <item><see cref="Ids"/>: int64 (B, W, G) — text, word, id within the word; padding is 0.</item>
/// <item><see cref="Mask"/>: bool (B, W) — true where the word is real, derived from <see cref="Ids"/> when asked for.</item>
/// </list>
/// W is the largest word count and G the largest number of ids of one word in the batch (each at least 1, so an
/// all-empty batch still has shape (B, 1, 1) with an all-false mask). With an embedding whose padding row is 0, the
/// per-word sum is <c>embedding(Ids).sum(2)</c> and the per-word id count is <c>(Ids != 0).sum(2)</c>.
/// Disposing the batch disposes <see cref="Ids"/>.
/// </summary>
public sealed class TokenizedBatch : IDisposable
{
    private TokenizedBatch(Tensor ids, IReadOnlyList<TokenizedText> texts)
    {
        Ids = ids;
        Texts = texts;
    }

    /// <summary>Bucket ids, int64 of shape (B, W, G), 0 for padding.</summary>
    public Tensor Ids { get; }

    /// <summary>The tokenized texts the tensors were built from, in batch order.</summary>
    public IReadOnlyList<TokenizedText> Texts { get; }

    /// <summary>
    /// Real words, bool of shape (B, W), in the caller's dispose scope: a word is real when it has a nonzero id, as
    /// every real word has at least one id in [1, BucketCount] and padding is all 0.
    /// </summary>
    public Tensor Mask()
    {
        using var scope = NewDisposeScope();
        return Ids.ne(0).any(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => Ids.Dispose();

    /// <summary>
    /// Pads tokenized texts into ids on <paramref name="device"/> (CPU if null), in the caller's dispose scope:
    /// int64 (B, W, G) padded with 0, W and G being the largest word count and ids per word (at least 1).
    /// </summary>
    internal static TokenizedBatch Pad(IReadOnlyList<TokenizedText> texts, Device? device = null)
    {
        var width = Math.Max(1, texts.Select(t => t.WordCount).DefaultIfEmpty(0).Max());
        var depth = Math.Max(1, texts.SelectMany(t => Enumerable.Range(0, t.WordCount).Select(w => t.WordIds(w).Length)).DefaultIfEmpty(0).Max());
        var ids = new long[texts.Count * width * depth];
        for (var b = 0; b < texts.Count; b++)
        {
            for (var w = 0; w < texts[b].WordCount; w++)
            {
                var wordIds = texts[b].WordIds(w);
                for (var g = 0; g < wordIds.Length; g++)
                {
                    ids[(((b * width) + w) * depth) + g] = wordIds[g];
                }
            }
        }

        return new TokenizedBatch(tensor(ids, [texts.Count, width, depth], device: device), texts);
    }
}
