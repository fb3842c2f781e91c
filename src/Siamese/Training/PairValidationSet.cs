using Siamese.Networks;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Training;

/// <summary>Fixed held-out pairs on which the trainer validates after each epoch and the threshold is calibrated.</summary>
/// <param name="Inputs">The inputs the pairs index into.</param>
/// <param name="Pairs">The pairs; drawn once, so every epoch is validated on the same ones.</param>
public sealed record PairValidationSet(IInputSource Inputs, PairIndices Pairs)
{
    private const int Chunk = 512;

    /// <summary>
    /// Each pair's score under <paramref name="network"/>, in evaluation mode without gradients,
    /// in chunks with a dispose scope each; the network's training mode is restored afterwards.
    /// </summary>
    public float[] Scores(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var scores = new float[Pairs.Count];
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = no_grad();
            for (int start = 0; start < Pairs.Count; start += Chunk)
            {
                using var scope = NewDisposeScope();
                int length = Math.Min(Chunk, Pairs.Count - start);
                var left = network.EmbedForComparison(Inputs.Gather(Pairs.Left.AsSpan(start, length)));
                var right = network.EmbedForComparison(Inputs.Gather(Pairs.Right.AsSpan(start, length)));
                network.Distance.Paired(left, right).data<float>().CopyTo(scores, start);
            }
        }
        finally
        {
            network.train(wasTraining);
        }

        return scores;
    }
}
