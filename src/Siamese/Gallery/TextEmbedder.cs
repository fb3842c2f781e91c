using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Gallery;

/// <summary>
/// Embeds texts with a text model: tokenized in chunks of similar length (little padding), embedded as inputs of
/// one side (the branch that side goes through in a pseudo-Siamese network), in evaluation mode without gradients.
/// </summary>
public static class TextEmbedder
{
    /// <summary>Embeddings (N, D) of <paramref name="texts"/> in their order, in the caller's dispose scope.</summary>
    /// <param name="network">A network with a text encoder on <paramref name="side"/>.</param>
    /// <param name="tokenizer">The tokenizer the model was trained with.</param>
    /// <param name="texts">The texts.</param>
    /// <param name="side">Which input of a pair the texts are.</param>
    /// <param name="chunkSize">Texts per forward pass.</param>
    public static Tensor Embed(TwinNetwork network, HashingTokenizer tokenizer, IReadOnlyList<string> texts, PairSide side = PairSide.First, int chunkSize = 256)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (texts.Count == 0)
        {
            throw new ArgumentException("there are no texts to embed", nameof(texts));
        }

        // Each text is tokenized once. Chunks of texts of similar length waste little work on padding; the rows are
        // put back in order at the end.
        var tokenized = texts.Select(t => tokenizer.Tokenize(t ?? throw new ArgumentException("a text is null", nameof(texts)))).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenized[i].WordCount).ToArray();
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var chunks = new List<Tensor>();
            for (int start = 0; start < order.Length; start += chunkSize)
            {
                using var chunkScope = NewDisposeScope();
                var chunk = order.Skip(start).Take(chunkSize).Select(i => tokenized[i]).ToArray();
                var ids = TokenizedBatch.Pad(chunk).Ids;
                chunks.Add(network.EmbedForComparison(ids, side).MoveToOuterDisposeScope());
            }

            var sorted = cat(chunks, 0);
            var inverse = new long[order.Length];
            for (int k = 0; k < order.Length; k++)
            {
                inverse[order[k]] = k;
            }

            return sorted.index_select(0, tensor(inverse)).MoveToOuterDisposeScope();
        }
        finally
        {
            network.train(wasTraining);
        }
    }
}
