using Siamese.Evaluation.Metrics;

namespace Siamese.Tests.Evaluation.Metrics;

public class MatchingMetricsTests
{
    private const double Tolerance = 1e-12;

    // Hand-worked similarities, 3 queries x 4 candidates; rank = 1 + #(other candidates scoring >= the correct one):
    // q0: [0.9, 0.1, 0.2, 0.3], correct 0 -> none >= 0.9                          -> rank 1
    // q1: [0.5, 0.4, 0.7, 0.4], correct 1 -> 0.5, 0.7 and the tied 0.4 are >= 0.4 -> rank 4
    // q2: [0.2, 0.6, 0.6, 0.1], correct 2 -> the tied 0.6                          -> rank 2
    // P@1 = 1/3; MRR = (1 + 1/4 + 1/2) / 3 = 7/12.
    private static readonly double[,] HandSimilarities =
    {
        { 0.9, 0.1, 0.2, 0.3 },
        { 0.5, 0.4, 0.7, 0.4 },
        { 0.2, 0.6, 0.6, 0.1 },
    };

    private static readonly int[] HandCorrect = [0, 1, 2];

    [Fact]
    public void Compute_HandWorkedSimilaritiesWithTies_MatchesHandComputation()
    {
        // Given the similarities above
        // When computed with larger = closer
        var report = MatchingMetrics.Compute(HandSimilarities, HandCorrect, largerIsCloser: true);

        // Then the figures match the working, ties counting against the query
        Assert.Equal(1.0 / 3, report.PrecisionAt1, Tolerance);
        Assert.Equal(7.0 / 12, report.MeanReciprocalRank, Tolerance);
        Assert.Equal(3, report.QueryCount);
        Assert.Equal(4, report.CandidateCount);
        Assert.True(report.LargerIsCloser);
    }

    [Fact]
    public void FromRanks_HandWorkedRanks_MatchesHandComputationAndCompute()
    {
        // Given the ranks of the working above, 1, 4 and 2, out of 4 candidates
        // When the report is made from them
        var report = MatchingMetrics.FromRanks([1, 4, 2], candidateCount: 4, largerIsCloser: false);

        // Then P@1 = 1/3 and MRR = 7/12, as Compute gives from the scores
        Assert.Equal(1.0 / 3, report.PrecisionAt1, Tolerance);
        Assert.Equal(7.0 / 12, report.MeanReciprocalRank, Tolerance);
        Assert.Equal(3, report.QueryCount);
        Assert.Equal(4, report.CandidateCount);
        Assert.False(report.LargerIsCloser);
        Assert.Equal(MatchingMetrics.Compute(HandSimilarities, HandCorrect, largerIsCloser: true), report with { LargerIsCloser = true });
    }

    [Fact]
    public void FromRanks_NoRanksOrARankOutsideTheCandidates_Throws()
    {
        Assert.Throws<ArgumentException>(() => MatchingMetrics.FromRanks([], candidateCount: 4, largerIsCloser: true));
        Assert.Throws<ArgumentException>(() => MatchingMetrics.FromRanks([1, 0], candidateCount: 4, largerIsCloser: true));
        Assert.Throws<ArgumentException>(() => MatchingMetrics.FromRanks([1, 5], candidateCount: 4, largerIsCloser: true));
    }

    [Fact]
    public void RanksOfCorrect_HandWorkedSimilaritiesWithTies_TiesCountAgainst()
    {
        // Given the similarities above
        // When the ranks are computed
        int[] ranks = MatchingMetrics.RanksOfCorrect(HandSimilarities, HandCorrect, largerIsCloser: true);

        // Then they are the worked ranks
        Assert.Equal([1, 4, 2], ranks);
    }

    [Fact]
    public void Compute_NegatedScoresAsDistances_SameReport()
    {
        // Given the same scores as distances (negated), smaller now being closer
        var distances = new double[3, 4];
        for (int q = 0; q < 3; q++)
        {
            for (int c = 0; c < 4; c++)
            {
                distances[q, c] = -HandSimilarities[q, c];
            }
        }

        // When computed with larger = farther
        var report = MatchingMetrics.Compute(distances, HandCorrect, largerIsCloser: false);

        // Then the ranking, and so the figures, are unchanged
        Assert.Equal(1.0 / 3, report.PrecisionAt1, Tolerance);
        Assert.Equal(7.0 / 12, report.MeanReciprocalRank, Tolerance);
        Assert.False(report.LargerIsCloser);
    }

    [Fact]
    public void Compute_WrongDirection_ReversesRanks()
    {
        // Given one query whose correct candidate has the largest of three distinct scores
        double[,] scores = { { 0.1, 0.5, 0.9 } };

        // When read as similarities, then as distances
        var asSimilarity = MatchingMetrics.Compute(scores, [2], largerIsCloser: true);
        var asDistance = MatchingMetrics.Compute(scores, [2], largerIsCloser: false);

        // Then it is first as a similarity and last (MRR 1/3) as a distance
        Assert.Equal(1.0, asSimilarity.MeanReciprocalRank, Tolerance);
        Assert.Equal(1.0 / 3, asDistance.MeanReciprocalRank, Tolerance);
        Assert.Equal(0.0, asDistance.PrecisionAt1);
    }

    [Fact]
    public void Compute_ConstantScorer_WorstRank()
    {
        // Given a scorer that gives every candidate the same score
        var scores = new double[2, 3];

        // When computed
        var report = MatchingMetrics.Compute(scores, [0, 2], largerIsCloser: true);

        // Then every correct candidate ranks last (3), not first: P@1 = 0, MRR = 1/3
        Assert.Equal(0.0, report.PrecisionAt1);
        Assert.Equal(1.0 / 3, report.MeanReciprocalRank, Tolerance);
    }

    [Fact]
    public void Compute_InfiniteScoresRuleCandidatesOut_Allowed()
    {
        // Given a candidate ruled out with -∞ similarity
        double[,] scores = { { double.NegativeInfinity, 0.2, 0.3 } };

        // When computed
        int[] ranks = MatchingMetrics.RanksOfCorrect(scores, [1], largerIsCloser: true);

        // Then only the 0.3 beats the correct 0.2
        Assert.Equal([2], ranks);
    }

    [Fact]
    public void Compute_RowsAndCorrectCountDiffer_Throws()
    {
        // Given 3 rows but 2 correct candidates
        // When / Then
        Assert.Throws<ArgumentException>(() => MatchingMetrics.Compute(HandSimilarities, [0, 1], largerIsCloser: true));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Compute_CorrectCandidateOutOfRange_Throws(int bad)
    {
        // Given a correct candidate outside the 4 columns
        // When / Then
        Assert.Throws<ArgumentException>(() => MatchingMetrics.Compute(HandSimilarities, [0, bad, 2], largerIsCloser: true));
    }

    [Fact]
    public void Compute_NaNScore_Throws()
    {
        // Given a NaN score
        double[,] scores = { { 0.1, double.NaN } };

        // When / Then
        Assert.Throws<ArgumentException>(() => MatchingMetrics.Compute(scores, [0], largerIsCloser: true));
    }

    [Fact]
    public void Compute_NoQueriesOrNoCandidates_Throws()
    {
        // Given empty score matrices
        // When / Then
        Assert.Throws<ArgumentException>(() => MatchingMetrics.Compute(new double[0, 3], [], largerIsCloser: true));
        Assert.Throws<ArgumentException>(() => MatchingMetrics.Compute(new double[1, 0], [0], largerIsCloser: true));
    }
}
