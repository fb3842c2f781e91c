using Siamese.Distances;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Gallery;

/// <summary>
/// Exact top-k search of queries against candidates under a model's distance: queries go through the first side and
/// candidates through the second (the same branch for a twin); candidates are embedded once. The inputs are whatever
/// the sides read: texts for a text model, image file paths for an image model (<c>SiameseModel.Search</c> makes one
/// over raw inputs), or texts through a tokenizer (<see cref="ForText"/>).
/// </summary>
public sealed class CandidateSearch : IDisposable
{
    private const int QueryChunk = 256;
    private readonly IDistance distance;
    private readonly Func<IReadOnlyList<string>, Tensor> embedQueries;
    private readonly IReadOnlyList<string> candidates;
    private readonly Tensor candidateEmbeddings;

    /// <summary>Embeds the candidates.</summary>
    /// <param name="distance">The model's distance.</param>
    /// <param name="embedQueries">Embeds queries (N, D) as the first side, outside any dispose scope of the caller's.</param>
    /// <param name="embedCandidates">Embeds candidates (N, D) as the second side, likewise.</param>
    /// <param name="candidates">The candidates.</param>
    public CandidateSearch(IDistance distance, Func<IReadOnlyList<string>, Tensor> embedQueries, Func<IReadOnlyList<string>, Tensor> embedCandidates, IReadOnlyList<string> candidates)
    {
        this.distance = distance ?? throw new ArgumentNullException(nameof(distance));
        this.embedQueries = embedQueries ?? throw new ArgumentNullException(nameof(embedQueries));
        ArgumentNullException.ThrowIfNull(embedCandidates);
        this.candidates = candidates ?? throw new ArgumentNullException(nameof(candidates));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        candidateEmbeddings = embedCandidates(candidates).DetachFromDisposeScope();
    }

    /// <summary>A search over candidate texts with a text network and its tokenizer.</summary>
    public static CandidateSearch ForText(TwinNetwork network, HashingTokenizer tokenizer, IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new CandidateSearch(
            network.Distance,
            texts => TextEmbedder.Embed(network, tokenizer, texts, PairSide.First),
            texts => TextEmbedder.Embed(network, tokenizer, texts, PairSide.Second),
            candidates);
    }

    /// <summary>Frees the candidate embeddings.</summary>
    public void Dispose() => candidateEmbeddings.Dispose();

    /// <summary>Number of candidates.</summary>
    public int CandidateCount => candidates.Count;

    /// <summary>The <paramref name="k"/> closest candidates of each query, closest first (ties by candidate order).</summary>
    public IReadOnlyList<SearchHit[]> Search(IReadOnlyList<string> queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        k = Math.Min(k, candidates.Count);
        var results = new List<SearchHit[]>(queries.Count);
        bool larger = distance.LargerIsCloser;
        for (int start = 0; start < queries.Count; start += QueryChunk)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var chunk = queries.Skip(start).Take(QueryChunk).ToArray();
            var embedded = embedQueries(chunk);
            var scores = distance.Matrix(embedded, candidateEmbeddings);
            // A stable sort keeps tied candidates in list order (topk would pick among ties arbitrarily).
            var (values, indices) = scores.sort(dim: 1, descending: larger, stable: true);
            var v = values.narrow(1, 0, k).contiguous().data<float>().ToArray();
            var ix = indices.narrow(1, 0, k).contiguous().data<long>().ToArray();
            for (int q = 0; q < chunk.Length; q++)
            {
                results.Add(Enumerable.Range(0, k)
                    .Select(r => new SearchHit(r + 1, (int)ix[(q * k) + r], candidates[(int)ix[(q * k) + r]], v[(q * k) + r]))
                    .ToArray());
            }
        }

        return results;
    }
}
