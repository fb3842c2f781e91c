using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Gallery;

/// <summary>
/// Exact top-k search of query texts against candidate texts with a text model: queries go through the first
/// branch and candidates through the second (the same encoder for a twin); candidates are embedded once.
/// </summary>
public sealed class TextSearch : IDisposable
{
    private const int QueryChunk = 256;
    private readonly TwinNetwork network;
    private readonly HashingTokenizer tokenizer;
    private readonly IReadOnlyList<string> candidates;
    private readonly Tensor candidateEmbeddings;

    /// <summary>Embeds the candidates.</summary>
    public TextSearch(TwinNetwork network, HashingTokenizer tokenizer, IReadOnlyList<string> candidates)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        this.candidates = candidates ?? throw new ArgumentNullException(nameof(candidates));
        using var scope = NewDisposeScope();
        candidateEmbeddings = TextEmbedder.Embed(network, tokenizer, candidates, PairSide.Second).DetachFromDisposeScope();
    }

    /// <summary>Frees the candidate embeddings.</summary>
    public void Dispose() => candidateEmbeddings.Dispose();

    /// <summary>Number of candidates.</summary>
    public int CandidateCount => candidates.Count;

    /// <summary>The <paramref name="k"/> closest candidates of each query, closest first (ties by candidate order).</summary>
    public IReadOnlyList<TextSearchHit[]> Search(IReadOnlyList<string> queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        k = Math.Min(k, candidates.Count);
        var results = new List<TextSearchHit[]>(queries.Count);
        bool larger = network.Distance.LargerIsCloser;
        for (int start = 0; start < queries.Count; start += QueryChunk)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var chunk = queries.Skip(start).Take(QueryChunk).ToArray();
            var embedded = TextEmbedder.Embed(network, tokenizer, chunk, PairSide.First);
            var scores = network.Distance.Matrix(embedded, candidateEmbeddings);
            // A stable sort keeps tied candidates in list order (topk would pick among ties arbitrarily).
            var (values, indices) = scores.sort(dim: 1, descending: larger, stable: true);
            var v = values.narrow(1, 0, k).contiguous().data<float>().ToArray();
            var ix = indices.narrow(1, 0, k).contiguous().data<long>().ToArray();
            for (int q = 0; q < chunk.Length; q++)
            {
                results.Add(Enumerable.Range(0, k)
                    .Select(r => new TextSearchHit(r + 1, (int)ix[(q * k) + r], candidates[(int)ix[(q * k) + r]], v[(q * k) + r]))
                    .ToArray());
            }
        }

        return results;
    }
}
