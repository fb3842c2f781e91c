using Siamese.Evaluation.Metrics;

namespace Siamese.Tests.Evaluation.Metrics;

public class CorrelationMetricsTests
{
    private const double Tolerance = 1e-12;

    // Hand-worked: x = [1, 2, 3, 4, 5], y = [2, 4, 5, 4, 5].
    // Pearson: x̄ = 3, ȳ = 4; dx = [-2, -1, 0, 1, 2], dy = [-2, 0, 1, 0, 1]
    //   Σdxdy = 4 + 0 + 0 + 0 + 2 = 6, Σdx² = 10, Σdy² = 4 + 0 + 1 + 0 + 1 = 6 -> r = 6 / √60 = √0.6
    // Spearman: ranks(y) = [1, 2.5, 4.5, 2.5, 4.5] (the 4s share ranks 2 and 3, the 5s share 4 and 5), mean 3
    //   d = [-2, -0.5, 1.5, -0.5, 1.5]; Σdx·d = 4 + 0.5 + 0 - 0.5 + 3 = 7, Σd² = 4 + 0.25 + 2.25 + 0.25 + 2.25 = 9
    //   -> ρ = 7 / √(10·9) = 7 / √90
    private static readonly double[] HandX = [1, 2, 3, 4, 5];
    private static readonly double[] HandY = [2, 4, 5, 4, 5];

    [Fact]
    public void Pearson_HandWorkedExample_MatchesHandComputation()
    {
        // Given the series above
        // When Pearson's r is computed
        double r = CorrelationMetrics.Pearson(HandX, HandY);

        // Then it is √0.6
        Assert.Equal(Math.Sqrt(0.6), r, Tolerance);
    }

    [Fact]
    public void Spearman_HandWorkedExampleWithTies_UsesAverageRanks()
    {
        // Given the series above, whose y has two pairs of ties
        // When Spearman's ρ is computed
        double rho = CorrelationMetrics.Spearman(HandX, HandY);

        // Then it is Pearson of the average ranks, 7 / √90
        Assert.Equal(7 / Math.Sqrt(90), rho, Tolerance);
    }

    [Fact]
    public void Compute_HandWorkedExample_ReportsBothAndCount()
    {
        // Given the series above
        // When both are computed at once
        var report = CorrelationMetrics.Compute(HandX, HandY);

        // Then the report agrees with the single-metric functions
        Assert.Equal(Math.Sqrt(0.6), report.Pearson, Tolerance);
        Assert.Equal(7 / Math.Sqrt(90), report.Spearman, Tolerance);
        Assert.Equal(5, report.Count);
    }

    [Fact]
    public void Spearman_MonotoneNonLinear_OneWhilePearsonBelowOne()
    {
        // Given y = x³, strictly increasing but not linear
        double[] x = [1, 2, 3, 4];
        double[] y = [1, 8, 27, 64];

        // When both are computed
        var report = CorrelationMetrics.Compute(x, y);

        // Then Spearman is exactly 1, and Pearson is below 1:
        // x̄ = 2.5, ȳ = 25; dx = [-1.5, -0.5, 0.5, 1.5], dy = [-24, -17, 2, 39]
        // Σdxdy = 36 + 8.5 + 1 + 58.5 = 104, Σdx² = 5, Σdy² = 576 + 289 + 4 + 1521 = 2390 -> r = 104 / √11950
        Assert.Equal(1.0, report.Spearman, Tolerance);
        Assert.Equal(104 / Math.Sqrt(11950), report.Pearson, Tolerance);
        Assert.True(report.Pearson < 1);
    }

    [Fact]
    public void Pearson_DecreasingLine_MinusOne()
    {
        // Given y = 1 - 2x
        double[] x = [0, 1, 2, 3, 4];
        double[] y = [1, -1, -3, -5, -7];

        // When both are computed
        var report = CorrelationMetrics.Compute(x, y);

        // Then both are exactly -1
        Assert.Equal(-1.0, report.Pearson, Tolerance);
        Assert.Equal(-1.0, report.Spearman, Tolerance);
    }

    [Fact]
    public void Pearson_LargeOffset_StillOne()
    {
        // Given a perfectly linear relation on values near 1e12, where the one-pass formula Σxy − n·x̄·ȳ
        // loses every significant digit to cancellation
        double[] x = [1e12 + 1, 1e12 + 2, 1e12 + 3, 1e12 + 4];
        double[] y = [1, 2, 3, 4];

        // When Pearson's r is computed
        double r = CorrelationMetrics.Pearson(x, y);

        // Then the two-pass method still finds 1
        Assert.Equal(1.0, r, Tolerance);
    }

    [Fact]
    public void Pearson_ConstantSide_NaN()
    {
        // Given a constant y, including a value (0.1) whose rounded mean is not exactly itself
        double[] x = [1, 2, 3];
        double[] y = [0.1, 0.1, 0.1];

        // When both are computed, either way round
        var report = CorrelationMetrics.Compute(x, y);
        var swapped = CorrelationMetrics.Compute(y, x);

        // Then the correlation is undefined, not a ratio of rounding errors
        Assert.True(double.IsNaN(report.Pearson));
        Assert.True(double.IsNaN(report.Spearman));
        Assert.True(double.IsNaN(swapped.Pearson));
        Assert.True(double.IsNaN(swapped.Spearman));
    }

    [Fact]
    public void AverageRanks_Ties_ShareAverageRank()
    {
        // Given values with a tie of two and, separately, a tie of three out of order
        // When ranked
        double[] pairTie = CorrelationMetrics.AverageRanks([10, 20, 20, 30]);
        double[] tripleTie = CorrelationMetrics.AverageRanks([3, 1, 3, 2, 3]);

        // Then tied values share the mean of the ranks they span: (2 + 3) / 2 and (3 + 4 + 5) / 3
        Assert.Equal([1, 2.5, 2.5, 4], pairTie);
        Assert.Equal([4, 1, 4, 2, 4], tripleTie);
    }

    [Fact]
    public void Pearson_DifferentLengths_Throws()
    {
        // Given series of different lengths
        // When / Then
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.Pearson([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.Spearman([1, 2, 3], [1, 2]));
    }

    [Fact]
    public void Pearson_FewerThanTwoPoints_Throws()
    {
        // Given one pair, and none
        // When / Then
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.Pearson([1], [2]));
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.Spearman([], []));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Compute_NonFiniteValue_Throws(double bad)
    {
        // Given a non-finite value on either side
        // When / Then
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.Compute([1, bad, 3], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.Spearman([1, 2, 3], [1, 2, bad]));
        Assert.Throws<ArgumentException>(() => CorrelationMetrics.AverageRanks([bad]));
    }
}
