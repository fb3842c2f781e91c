using Siamese.Distances;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Metrics;

/// <summary>Exact (brute-force) k-nearest-neighbour search over embeddings, in bounded memory.</summary>
public static class NearestNeighbors
{
    /// <summary>
    /// Finds, for every query, the indices of its <paramref name="k"/> closest references under
    /// <paramref name="distance"/>, closest first.
    /// </summary>
    /// <remarks>
    /// Queries are processed <paramref name="chunkSize"/> rows at a time, each chunk in its own dispose scope
    /// and without autograd, so at most a (chunkSize, M) score matrix is alive at once and no tensor outlives
    /// the call. The order of references with exactly equal scores is libtorch's.
    /// </remarks>
    /// <param name="queries">Query embeddings, (N, D).</param>
    /// <param name="references">Reference embeddings, (M, D), on the same device as <paramref name="queries"/>.</param>
    /// <param name="distance">The distance; its <see cref="IDistance.LargerIsCloser"/> decides which scores are closest.</param>
    /// <param name="k">Neighbours per query; between 1 and M (M − 1 with <paramref name="excludeSelf"/>).</param>
    /// <param name="excludeSelf">
    /// True when queries and references are the same set (row i of each is the same item): query i then never
    /// returns reference i, even when other references are identical to it.
    /// </param>
    /// <param name="chunkSize">Queries scored at once; at least 1.</param>
    /// <returns>Per query, <paramref name="k"/> reference row indices, closest first.</returns>
    /// <exception cref="ArgumentException">
    /// The tensors are not 2-D with equal widths, <paramref name="excludeSelf"/> is set but the row counts differ,
    /// or <paramref name="k"/> exceeds the references available.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> or <paramref name="chunkSize"/> is less than 1.</exception>
    public static int[][] Search(Tensor queries, Tensor references, IDistance distance, int k, bool excludeSelf = false, int chunkSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (queries.dim() != 2 || references.dim() != 2 || queries.shape[1] != references.shape[1])
        {
            throw new ArgumentException(
                $"queries and references must be (N, D) and (M, D), got [{string.Join(", ", queries.shape)}] and [{string.Join(", ", references.shape)}]",
                nameof(references));
        }

        long queryCount = queries.shape[0];
        long referenceCount = references.shape[0];
        if (excludeSelf && queryCount != referenceCount)
        {
            throw new ArgumentException(
                $"excludeSelf needs queries and references to be the same set, got {queryCount} queries and {referenceCount} references", nameof(excludeSelf));
        }

        long available = excludeSelf ? referenceCount - 1 : referenceCount;
        if (k > available)
        {
            throw new ArgumentException($"k = {k} but only {available} references are available per query", nameof(k));
        }

        double masked = distance.LargerIsCloser ? double.NegativeInfinity : double.PositiveInfinity;
        var result = new int[queryCount][];
        using var noGrad = torch.no_grad();
        for (long start = 0; start < queryCount; start += chunkSize)
        {
            using var scope = torch.NewDisposeScope();
            long length = Math.Min(chunkSize, queryCount - start);
            var scores = distance.Matrix(queries.narrow(0, start, length), references);
            if (excludeSelf)
            {
                // Query start + i is reference start + i: the entries (i, start + i) form the diagonal at offset start.
                scores.diagonal(offset: start).fill_(masked);
            }

            var (_, indices) = scores.topk(k, dim: 1, largest: distance.LargerIsCloser, sorted: true);
            var flat = indices.cpu().data<long>().ToArray();
            for (int i = 0; i < length; i++)
            {
                var row = new int[k];
                for (int j = 0; j < k; j++)
                {
                    row[j] = (int)flat[(long)i * k + j];
                }

                result[start + i] = row;
            }
        }

        return result;
    }
}
