namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Retrieval and k-nearest-neighbour classification metrics from the labels of each query's ranked
/// neighbours. Pure functions on plain arrays: no tensors, no I/O. The neighbours usually come from
/// <see cref="NearestNeighbors.Search"/>.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>Computes precision at 1, R-precision and MAP@R.</summary>
    /// <param name="queryLabels">Label of each query.</param>
    /// <param name="neighbourLabels">
    /// Per query, the labels of its nearest references, closest first, the query itself already excluded.
    /// A query with R relevant references needs at least R of them.
    /// </param>
    /// <param name="relevantCounts">Per query, R: the number of references sharing its label (itself excluded). Queries with R = 0 are skipped.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, a count is negative, a query lists fewer than R neighbours, or no query has R ≥ 1.
    /// </exception>
    public static RetrievalReport Compute(ReadOnlySpan<int> queryLabels, int[][] neighbourLabels, ReadOnlySpan<int> relevantCounts)
    {
        ArgumentNullException.ThrowIfNull(neighbourLabels);
        if (neighbourLabels.Length != queryLabels.Length || relevantCounts.Length != queryLabels.Length)
        {
            throw new ArgumentException(
                $"queryLabels, neighbourLabels and relevantCounts must have the same length, got {queryLabels.Length}, {neighbourLabels.Length} and {relevantCounts.Length}",
                nameof(neighbourLabels));
        }

        double sumPrecisionAt1 = 0, sumRPrecision = 0, sumAveragePrecision = 0;
        int scored = 0, skipped = 0;
        for (int q = 0; q < queryLabels.Length; q++)
        {
            int r = relevantCounts[q];
            if (r < 0)
            {
                throw new ArgumentException($"relevantCounts[{q}] is {r}; counts cannot be negative", nameof(relevantCounts));
            }

            if (r == 0)
            {
                skipped++;
                continue;
            }

            var neighbours = neighbourLabels[q] ?? throw new ArgumentException($"neighbourLabels[{q}] is null", nameof(neighbourLabels));
            if (neighbours.Length < r)
            {
                throw new ArgumentException(
                    $"query {q} has R = {r} relevant references but only {neighbours.Length} neighbours; search with k ≥ the largest R",
                    nameof(neighbourLabels));
            }

            int label = queryLabels[q];
            int hits = 0;
            double precisionSum = 0;
            for (int i = 0; i < r; i++)
            {
                if (neighbours[i] == label)
                {
                    hits++;
                    precisionSum += (double)hits / (i + 1);
                }
            }

            sumPrecisionAt1 += neighbours[0] == label ? 1 : 0;
            sumRPrecision += (double)hits / r;
            sumAveragePrecision += precisionSum / r;
            scored++;
        }

        if (scored == 0)
        {
            throw new ArgumentException("no query has a relevant reference (every R is 0), so retrieval cannot be measured", nameof(relevantCounts));
        }

        return new RetrievalReport
        {
            PrecisionAt1 = sumPrecisionAt1 / scored,
            RPrecision = sumRPrecision / scored,
            MapAtR = sumAveragePrecision / scored,
            QueryCount = scored,
            SkippedQueryCount = skipped,
        };
    }

    /// <summary>
    /// k-nearest-neighbour classification accuracy: each query is given the most frequent label among its
    /// first <paramref name="k"/> neighbours, a tie going to the tied label whose first occurrence is nearest;
    /// returns the fraction of queries whose given label equals their own.
    /// </summary>
    /// <param name="queryLabels">Label of each query.</param>
    /// <param name="neighbourLabels">Per query, the labels of its nearest references, closest first; at least <paramref name="k"/> each.</param>
    /// <param name="k">Number of neighbours that vote; at least 1.</param>
    /// <exception cref="ArgumentException">The lengths differ, there are no queries, or a query lists fewer than <paramref name="k"/> neighbours.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public static double KnnAccuracy(ReadOnlySpan<int> queryLabels, int[][] neighbourLabels, int k)
    {
        ArgumentNullException.ThrowIfNull(neighbourLabels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (neighbourLabels.Length != queryLabels.Length)
        {
            throw new ArgumentException(
                $"queryLabels and neighbourLabels must have the same length, got {queryLabels.Length} and {neighbourLabels.Length}", nameof(neighbourLabels));
        }

        if (queryLabels.Length == 0)
        {
            throw new ArgumentException("there are no queries", nameof(queryLabels));
        }

        var votes = new Dictionary<int, int>();
        int correct = 0;
        for (int q = 0; q < queryLabels.Length; q++)
        {
            var neighbours = neighbourLabels[q] ?? throw new ArgumentException($"neighbourLabels[{q}] is null", nameof(neighbourLabels));
            if (neighbours.Length < k)
            {
                throw new ArgumentException($"query {q} has {neighbours.Length} neighbours, fewer than k = {k}", nameof(neighbourLabels));
            }

            if (Vote(neighbours.AsSpan(0, k), votes) == queryLabels[q])
            {
                correct++;
            }
        }

        return (double)correct / queryLabels.Length;
    }

    /// <summary>Majority label; among equally frequent labels, the one seen first (nearest).</summary>
    private static int Vote(ReadOnlySpan<int> labels, Dictionary<int, int> votes)
    {
        votes.Clear();
        int most = 0;
        foreach (int label in labels)
        {
            int count = votes.GetValueOrDefault(label) + 1;
            votes[label] = count;
            most = Math.Max(most, count);
        }

        foreach (int label in labels)
        {
            if (votes[label] == most)
            {
                return label;
            }
        }

        throw new InvalidOperationException("unreachable: labels is not empty");
    }
}
