using Siamese.Distances;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Gallery;

/// <summary>
/// Exact search of a gallery by label: each query is scored against every entry through the distance's matrix form,
/// each label is represented by its closest entry, and the labels are ranked by that score. Identification and verification
/// apply a threshold to the result.
/// </summary>
/// <remarks>
/// Queries are scored <see cref="ChunkSize"/> rows at a time, each chunk in its own dispose scope and without autograd,
/// so at most a (ChunkSize, Count) score matrix is alive at once and no tensor outlives a call. A score passes a
/// threshold when it is ≤ the threshold for distances and ≥ it for similarities (the rule of
/// <see cref="Calibration.DecisionThreshold.IsSame"/>); NaN never passes. Labels with exactly equal scores are ranked
/// in libtorch's order.
/// </remarks>
public sealed class GallerySearch
{
    private readonly long[] labelOfEntry;
    private readonly string[] labels;
    private readonly Dictionary<string, int> labelNumbers;
    private readonly int[] labelSizesDescending;

    /// <summary>Prepares a search over <paramref name="entries"/>.</summary>
    /// <param name="entries">The gallery, as <see cref="GalleryStore.LoadAll"/> returns it; may be empty.</param>
    /// <param name="distance">The model's distance; its <see cref="IDistance.LargerIsCloser"/> decides which scores are closest.</param>
    /// <param name="chunkSize">Queries scored at once; at least 1.</param>
    public GallerySearch(GalleryEntries entries, IDistance distance, int chunkSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        Entries = entries;
        Distance = distance;
        ChunkSize = chunkSize;
        labelNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        labelOfEntry = new long[entries.Count];
        var names = new List<string>();
        for (int i = 0; i < entries.Count; i++)
        {
            if (!labelNumbers.TryGetValue(entries.Labels[i], out int number))
            {
                number = names.Count;
                labelNumbers.Add(entries.Labels[i], number);
                names.Add(entries.Labels[i]);
            }

            labelOfEntry[i] = number;
        }

        labels = names.ToArray();
        labelSizesDescending = labelOfEntry.CountBy(label => label).Select(pair => pair.Value).OrderDescending().ToArray();
    }

    /// <summary>The gallery searched.</summary>
    public GalleryEntries Entries { get; }

    /// <summary>The distance that scores queries against entries.</summary>
    public IDistance Distance { get; }

    /// <summary>Queries scored at once.</summary>
    public int ChunkSize { get; }

    /// <summary>The distinct labels of the gallery, in order of first enrollment.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>True when at least one entry carries <paramref name="label"/>.</summary>
    /// <param name="label">A label.</param>
    public bool Contains(string label) => labelNumbers.ContainsKey(label);

    /// <summary>
    /// Finds, for every query, the <paramref name="k"/> closest labels (fewer when the gallery has fewer), each with the
    /// score of its closest entry, closest first.
    /// </summary>
    /// <param name="queries">Query embeddings, (N, D) with D the gallery's dimension.</param>
    /// <param name="k">Labels per query; at least 1.</param>
    /// <returns>Per query, up to <paramref name="k"/> candidates, closest first; empty lists for an empty gallery.</returns>
    /// <exception cref="ArgumentException"><paramref name="queries"/> is not (N, D).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public IReadOnlyList<GalleryCandidate>[] Search(Tensor queries, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int queryCount = CheckQueries(queries);
        var result = new IReadOnlyList<GalleryCandidate>[queryCount];
        if (Entries.Count == 0)
        {
            Array.Fill(result, Array.Empty<GalleryCandidate>());
            return result;
        }

        int take = Math.Min(k, labels.Length);

        // Before the take-th distinct label first appears in the ranking, every entry belongs to one of the take − 1
        // labels before it, so the closest (counts of the take − 1 largest labels) + 1 entries always hold the answer.
        int window = (int)Math.Min(Entries.Count, labelSizesDescending.Take(take - 1).Sum(c => (long)c) + 1);
        bool largerIsCloser = Distance.LargerIsCloser;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var gallery = GalleryTensor(Entries.Embeddings, Entries.Count, queries);
        for (int start = 0; start < queryCount; start += ChunkSize)
        {
            using var chunkScope = torch.NewDisposeScope();
            int length = Math.Min(ChunkSize, queryCount - start);
            var scores = Distance.Matrix(queries.narrow(0, start, length).to_type(gallery.dtype), gallery);
            var (values, indices) = scores.topk(window, dim: 1, largest: largerIsCloser, sorted: true);
            var rankedScores = values.cpu().to_type(ScalarType.Float64).data<double>().ToArray();
            var rankedEntries = indices.cpu().data<long>().ToArray();
            var seen = new HashSet<long>();
            for (int i = 0; i < length; i++)
            {
                // Walking the entries closest first, a label's first entry is its closest.
                seen.Clear();
                var candidates = new List<GalleryCandidate>(take);
                for (int j = 0; j < window && candidates.Count < take; j++)
                {
                    long label = labelOfEntry[rankedEntries[((long)i * window) + j]];
                    if (seen.Add(label))
                    {
                        candidates.Add(new GalleryCandidate(labels[label], rankedScores[((long)i * window) + j]));
                    }
                }

                result[start + i] = candidates.AsReadOnly();
            }
        }

        return result;
    }

    /// <summary>
    /// Identifies every query: its <paramref name="k"/> closest labels, and the closest label as the answer when its
    /// score passes <paramref name="threshold"/>, otherwise unknown.
    /// </summary>
    /// <param name="queries">Query embeddings, (N, D).</param>
    /// <param name="k">Candidates reported per query; at least 1.</param>
    /// <param name="threshold">The decision threshold in the distance's units, e.g. the model's calibrated one; finite.</param>
    /// <exception cref="ArgumentException"><paramref name="queries"/> is not (N, D).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1 or <paramref name="threshold"/> is not finite.</exception>
    public GalleryIdentification[] Identify(Tensor queries, int k, double threshold)
    {
        CheckThreshold(threshold);
        return Search(queries, k)
            .Select(candidates => new GalleryIdentification
            {
                Candidates = candidates,
                Label = candidates.Count > 0 && Passes(candidates[0].Score, threshold) ? candidates[0].Label : null,
                Threshold = threshold,
            })
            .ToArray();
    }

    /// <summary>
    /// Verifies every query against the claim "this is <paramref name="label"/>": accepted when the score of the label's
    /// closest entry passes <paramref name="threshold"/>.
    /// </summary>
    /// <param name="queries">Query embeddings, (N, D).</param>
    /// <param name="label">The claimed label; must be enrolled.</param>
    /// <param name="threshold">The decision threshold in the distance's units; finite.</param>
    /// <exception cref="ArgumentException"><paramref name="queries"/> is not (N, D), or no entry carries <paramref name="label"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not finite.</exception>
    public GalleryVerification[] Verify(Tensor queries, string label, double threshold)
    {
        ArgumentNullException.ThrowIfNull(label);
        CheckThreshold(threshold);
        int queryCount = CheckQueries(queries);
        if (!labelNumbers.TryGetValue(label, out int number))
        {
            throw new ArgumentException($"no gallery entry is labelled '{label}'", nameof(label));
        }

        int dimension = Entries.Dimension;
        var rows = Enumerable.Range(0, Entries.Count).Where(i => labelOfEntry[i] == number).ToArray();
        var claimed = new float[rows.Length * dimension];
        for (int r = 0; r < rows.Length; r++)
        {
            Entries.Embedding(rows[r]).CopyTo(claimed.AsSpan(r * dimension, dimension));
        }

        bool largerIsCloser = Distance.LargerIsCloser;
        var result = new GalleryVerification[queryCount];
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var references = GalleryTensor(claimed, rows.Length, queries);
        for (int start = 0; start < queryCount; start += ChunkSize)
        {
            using var chunkScope = torch.NewDisposeScope();
            int length = Math.Min(ChunkSize, queryCount - start);
            var scores = Distance.Matrix(queries.narrow(0, start, length).to_type(references.dtype), references);
            var best = largerIsCloser ? scores.amax(1) : scores.amin(1);
            var values = best.cpu().to_type(ScalarType.Float64).data<double>().ToArray();
            for (int i = 0; i < length; i++)
            {
                result[start + i] = new GalleryVerification
                {
                    Label = label,
                    Score = values[i],
                    Threshold = threshold,
                    Accepted = Passes(values[i], threshold),
                };
            }
        }

        return result;
    }

    /// <summary>The decision rule: ≤ for distances, ≥ for similarities; NaN never passes.</summary>
    /// <param name="score">A score between a query and an entry.</param>
    /// <param name="threshold">The threshold.</param>
    public bool Passes(double score, double threshold) => Distance.LargerIsCloser ? score >= threshold : score <= threshold;

    private static void CheckThreshold(double threshold)
    {
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold must be a finite number");
        }
    }

    private static Tensor GalleryTensor(float[] values, int rows, Tensor queries) =>
        torch.tensor(values, [rows, values.Length / Math.Max(rows, 1)], device: queries.device);

    private int CheckQueries(Tensor queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.dim() != 2 || queries.shape[1] != Entries.Dimension)
        {
            throw new ArgumentException(
                $"queries must be (N, {Entries.Dimension}), got [{string.Join(", ", queries.shape)}]", nameof(queries));
        }

        return checked((int)queries.shape[0]);
    }
}
