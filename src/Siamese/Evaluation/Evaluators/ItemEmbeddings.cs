using Siamese.Inputs;
using Siamese.Networks;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>Every item of a validation source embedded once, as the evaluators of held-out items need them.</summary>
internal static class ItemEmbeddings
{
    private const int Chunk = 512;

    /// <summary>
    /// The comparison embeddings of items 0 … <paramref name="count"/> − 1, (N, D), in evaluation mode without gradients
    /// and in the caller's dispose scope; the network's training mode is restored afterwards.
    /// </summary>
    public static Tensor Of(TwinNetwork network, IInputSource inputs, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        if (count != inputs.Count)
        {
            throw new InvalidOperationException($"{count} labels for {inputs.Count} validation items");
        }

        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var items = Enumerable.Range(0, count).ToArray();
            var chunks = new List<Tensor>();
            for (int start = 0; start < items.Length; start += Chunk)
            {
                chunks.Add(network.EmbedItems(inputs, items.AsSpan(start, Math.Min(Chunk, items.Length - start)), forComparison: true));
            }

            return cat(chunks, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            network.train(wasTraining);
        }
    }
}
