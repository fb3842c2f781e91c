namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Matching metrics (precision at 1 and mean reciprocal rank) for a set of queries each matched against every
/// candidate, exactly one candidate being correct per query, e.g. each question against every answer, or each
/// sentence against every paraphrase. Pure functions on plain arrays: no tensors, no I/O.
/// </summary>
/// <remarks>
/// Ties count against the query: the rank of the correct candidate is 1 + the number of other candidates that
/// score at least as well as it, so a correct candidate tied with a wrong one never takes first place and a
/// constant scorer does not look good.
/// </remarks>
public static class MatchingMetrics
{
    /// <summary>Computes precision at 1 and mean reciprocal rank.</summary>
    /// <param name="scores">
    /// Score of each query (row) against each candidate (column): a distance or a similarity, per
    /// <paramref name="largerIsCloser"/>. Must not be NaN; infinities are allowed (e.g. to rule a candidate out).
    /// </param>
    /// <param name="correctCandidates">Per query, the column of its correct candidate.</param>
    /// <param name="largerIsCloser">
    /// False for distances (smaller scores match better), true for similarities (larger scores match better);
    /// see <see cref="Distances.IDistance.LargerIsCloser"/>.
    /// </param>
    /// <exception cref="ArgumentException">
    /// There are no queries or no candidates, the number of rows differs from the number of correct candidates,
    /// a correct candidate is outside the columns, or a score is NaN.
    /// </exception>
    public static MatchingReport Compute(double[,] scores, IReadOnlyList<int> correctCandidates, bool largerIsCloser) =>
        FromRanks(RanksOfCorrect(scores, correctCandidates, largerIsCloser), scores.GetLength(1), largerIsCloser);

    /// <summary>
    /// Precision at 1 and mean reciprocal rank from the rank of each query's correct candidate (as
    /// <see cref="RanksOfCorrect"/> gives them), for queries ranked in several blocks or with candidates left out.
    /// </summary>
    /// <param name="ranks">Per query, the rank of its correct candidate, 1 being best.</param>
    /// <param name="candidateCount">Number of candidates each query was matched against.</param>
    /// <param name="largerIsCloser">Whether larger scores matched better; recorded in the report.</param>
    /// <exception cref="ArgumentException">There are no ranks, or a rank is outside [1, <paramref name="candidateCount"/>].</exception>
    public static MatchingReport FromRanks(IReadOnlyList<int> ranks, int candidateCount, bool largerIsCloser)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        if (ranks.Count == 0)
        {
            throw new ArgumentException("need the rank of at least one query", nameof(ranks));
        }

        int first = 0;
        double reciprocalSum = 0;
        foreach (int rank in ranks)
        {
            if (rank < 1 || rank > candidateCount)
            {
                throw new ArgumentException($"a rank of {rank} is outside [1, {candidateCount}]", nameof(ranks));
            }

            first += rank == 1 ? 1 : 0;
            reciprocalSum += 1.0 / rank;
        }

        return new MatchingReport
        {
            PrecisionAt1 = (double)first / ranks.Count,
            MeanReciprocalRank = reciprocalSum / ranks.Count,
            QueryCount = ranks.Count,
            CandidateCount = candidateCount,
            LargerIsCloser = largerIsCloser,
        };
    }

    /// <summary>
    /// Rank of each query's correct candidate, 1 being best: 1 + the number of other candidates scoring at least as
    /// well as the correct one (ties count against the query).
    /// </summary>
    /// <param name="scores">Score of each query (row) against each candidate (column); must not be NaN.</param>
    /// <param name="correctCandidates">Per query, the column of its correct candidate.</param>
    /// <param name="largerIsCloser">True when larger scores match better (similarities), false for distances.</param>
    /// <returns>One rank per query, each in [1, number of candidates].</returns>
    /// <exception cref="ArgumentException">As for <see cref="Compute"/>.</exception>
    public static int[] RanksOfCorrect(double[,] scores, IReadOnlyList<int> correctCandidates, bool largerIsCloser)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(correctCandidates);
        int queries = scores.GetLength(0), candidates = scores.GetLength(1);
        if (queries == 0 || candidates == 0)
        {
            throw new ArgumentException($"need at least one query and one candidate, got a {queries} x {candidates} score matrix", nameof(scores));
        }

        if (correctCandidates.Count != queries)
        {
            throw new ArgumentException(
                $"need one correct candidate per query: the score matrix has {queries} rows but {correctCandidates.Count} were given",
                nameof(correctCandidates));
        }

        var ranks = new int[queries];
        for (int q = 0; q < queries; q++)
        {
            int correct = correctCandidates[q];
            if (correct < 0 || correct >= candidates)
            {
                throw new ArgumentException(
                    $"correctCandidates[{q}] is {correct}, outside the {candidates} candidate columns", nameof(correctCandidates));
            }

            double target = scores[q, correct];
            int atLeastAsClose = 0;
            for (int c = 0; c < candidates; c++)
            {
                double score = scores[q, c];
                if (double.IsNaN(score))
                {
                    throw new ArgumentException($"scores[{q}, {c}] is NaN", nameof(scores));
                }

                if (c != correct && (largerIsCloser ? score >= target : score <= target))
                {
                    atLeastAsClose++;
                }
            }

            ranks[q] = 1 + atLeastAsClose;
        }

        return ranks;
    }
}
