using Siamese.Evaluation.Metrics;

namespace Siamese.Tests.Evaluation.Metrics;

public class RetrievalMetricsTests
{
    private const double Tolerance = 1e-12;

    // Hand-worked MAP@R (Musgrave et al. 2020): per query (1/R) Σ_{i ≤ R} P(i)·rel(i), P(i) = hits in first i / i.
    // q0: label 7, R = 3, neighbours [7, 2, 7, 7, 5] -> rel in first R = 1, 0, 1 (the 4th "7" is beyond R)
    //     AP@R = (1/3)(1/1 + 0 + 2/3) = 5/9;  R-precision = 2/3;  P@1 = 1
    // q1: label 2, R = 2, neighbours [7, 2, 2]       -> rel = 0, 1
    //     AP@R = (1/2)(0 + 1/2) = 1/4;        R-precision = 1/2;  P@1 = 0
    // q2: label 5, R = 0                              -> skipped
    // Means over the 2 scored queries: P@1 = 1/2, R-precision = (2/3 + 1/2)/2 = 7/12, MAP@R = (5/9 + 1/4)/2 = 29/72.
    [Fact]
    public void Compute_HandWorkedExample_MatchesHandComputation()
    {
        // Given the three queries above
        int[] queryLabels = [7, 2, 5];
        int[][] neighbours = [[7, 2, 7, 7, 5], [7, 2, 2], [7]];
        int[] relevant = [3, 2, 0];

        // When computed
        var report = RetrievalMetrics.Compute(queryLabels, neighbours, relevant);

        // Then the figures match the working, and the lone query was skipped rather than counted as 0
        Assert.Equal(0.5, report.PrecisionAt1, Tolerance);
        Assert.Equal(7.0 / 12, report.RPrecision, Tolerance);
        Assert.Equal(29.0 / 72, report.MapAtR, Tolerance);
        Assert.Equal(2, report.QueryCount);
        Assert.Equal(1, report.SkippedQueryCount);
    }

    [Fact]
    public void Compute_SameHitsInDifferentOrder_RPrecisionEqualMapAtRDiffers()
    {
        // Given two rankings with 2 relevant of the first R = 3, early in one and late in the other
        int[] queryLabels = [1];
        var early = RetrievalMetrics.Compute(queryLabels, [[1, 0, 1]], [3]);

        // When the relevant neighbours come later
        var late = RetrievalMetrics.Compute(queryLabels, [[0, 1, 1]], [3]);

        // Then R-precision cannot tell them apart but MAP@R rewards the earlier hits:
        // early (1/3)(1 + 2/3) = 5/9, late (1/3)(1/2 + 2/3) = 7/18
        Assert.Equal(early.RPrecision, late.RPrecision, Tolerance);
        Assert.Equal(5.0 / 9, early.MapAtR, Tolerance);
        Assert.Equal(7.0 / 18, late.MapAtR, Tolerance);
        Assert.Equal(1.0, early.PrecisionAt1);
        Assert.Equal(0.0, late.PrecisionAt1);
    }

    [Fact]
    public void Compute_PerfectRanking_AllOne()
    {
        // Given every query's first R neighbours relevant
        int[] queryLabels = [0, 0, 0, 1, 1];
        int[][] neighbours = [[0, 0, 1], [0, 0, 1], [0, 0, 1], [1, 0], [1, 0]];

        // When computed
        var report = RetrievalMetrics.Compute(queryLabels, neighbours, [2, 2, 2, 1, 1]);

        // Then every metric is 1
        Assert.Equal((1.0, 1.0, 1.0), (report.PrecisionAt1, report.RPrecision, report.MapAtR));
    }

    [Fact]
    public void Compute_InvalidInputs_ThrowArgumentException()
    {
        // Given malformed inputs
        // When computed
        // Then each is refused
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([1, 2], [[1]], [1, 1]));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([1], [[1]], [1, 1]));
        var tooFew = Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([1], [[1, 2]], [3]));
        Assert.Contains("R = 3", tooFew.Message);
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([1], [[1]], [-1]));
        var none = Assert.Throws<ArgumentException>(() => RetrievalMetrics.Compute([1, 2], [[2], [1]], [0, 0]));
        Assert.Contains("no query", none.Message);
    }

    // Queries and neighbour labels:
    //   q0 label 3: [3, 5, 5, 3]   q1 label 5: [3, 5, 5, 3]   q2 label 7: [7, 1, 2, 1]
    // k = 1: votes 3 / 3 / 7                         -> right, wrong, right -> 2/3
    // k = 3: votes 5 (2 of 3) / 5 / tie 7,1,2 -> 7  -> wrong, right, right -> 2/3
    // k = 4: tie 3,5 -> 3 (nearest) / same -> 3 / 1 (2 of 4) -> right, wrong, wrong -> 1/3
    [Theory]
    [InlineData(1, 2.0 / 3)]
    [InlineData(3, 2.0 / 3)]
    [InlineData(4, 1.0 / 3)]
    public void KnnAccuracy_MajorityVote_MatchesHandComputation(int k, double expected)
    {
        // Given the queries above
        int[] queryLabels = [3, 5, 7];
        int[][] neighbours = [[3, 5, 5, 3], [3, 5, 5, 3], [7, 1, 2, 1]];

        // When classified by the first k neighbours
        double accuracy = RetrievalMetrics.KnnAccuracy(queryLabels, neighbours, k);

        // Then the fraction correct matches the table
        Assert.Equal(expected, accuracy, Tolerance);
    }

    [Fact]
    public void KnnAccuracy_TiedVote_GoesToNearestLabelNotSmallestOrLast()
    {
        // Given ties where the nearest label is larger than the other and also appears last
        int[] queryLabels = [9, 2];
        int[][] neighbours = [[9, 2, 2, 9], [9, 2, 2, 9]];

        // When classified by 4 neighbours
        double accuracy = RetrievalMetrics.KnnAccuracy(queryLabels, neighbours, 4);

        // Then both votes went to 9: the first query is right, the second wrong
        Assert.Equal(0.5, accuracy, Tolerance);
    }

    [Fact]
    public void KnnAccuracy_InvalidInputs_Throw()
    {
        // Given malformed inputs
        // When classified
        // Then each is refused
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalMetrics.KnnAccuracy([1], [[1]], 0));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.KnnAccuracy([1], [[1]], 2));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.KnnAccuracy([1, 2], [[1]], 1));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.KnnAccuracy([], [], 1));
    }
}
