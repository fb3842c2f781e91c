using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>Argument checks shared by the evaluators that take a matrix of embeddings and their labels.</summary>
internal static class EmbeddingShape
{
    /// <summary>Throws unless <paramref name="embeddings"/> is (labels.Count, D).</summary>
    /// <param name="embeddings">The embedding matrix.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="paramName">The caller's parameter the error names, if any.</param>
    public static void RequireOneRowPerLabel(Tensor embeddings, IReadOnlyList<int> labels, string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        if (embeddings.dim() != 2 || embeddings.shape[0] != labels.Count)
        {
            throw new ArgumentException($"expected embeddings of shape ({labels.Count}, D) for {labels.Count} labels, got ({string.Join(", ", embeddings.shape)})", paramName);
        }
    }
}
