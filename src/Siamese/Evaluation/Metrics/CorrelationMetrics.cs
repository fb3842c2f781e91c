namespace Siamese.Evaluation.Metrics;

/// <summary>
/// Correlation between two paired series, e.g. predicted similarity scores against human similarity ratings
/// (as in STS benchmarks). Pure functions on plain lists: no tensors, no I/O. Computed in double with a
/// two-pass method (means first, then centred sums), which avoids the cancellation of the one-pass
/// Σxy − n·x̄·ȳ formula when the values are large relative to their spread.
/// </summary>
public static class CorrelationMetrics
{
    /// <summary>Computes Pearson's and Spearman's correlation of the same pairs.</summary>
    /// <param name="x">First series; finite values.</param>
    /// <param name="y">Second series, paired with <paramref name="x"/> by index; finite values.</param>
    /// <returns>Both coefficients and the number of pairs; a coefficient is NaN when a side is constant.</returns>
    /// <exception cref="ArgumentException">The lengths differ, there are fewer than 2 pairs, or a value is NaN or infinite.</exception>
    public static CorrelationReport Compute(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Validate(x, y);
        return new CorrelationReport
        {
            Pearson = PearsonOfValid(x, y),
            Spearman = PearsonOfValid(AverageRanksOfValid(x), AverageRanksOfValid(y)),
            Count = x.Count,
        };
    }

    /// <summary>
    /// Pearson's product-moment correlation r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)²·Σ(y−ȳ)²), in [−1, 1].
    /// </summary>
    /// <param name="x">First series; finite values.</param>
    /// <param name="y">Second series, paired with <paramref name="x"/> by index; finite values.</param>
    /// <returns>
    /// The coefficient, or <see cref="double.NaN"/> when either series is constant (all its values equal), since
    /// the correlation is then undefined (0/0).
    /// </returns>
    /// <exception cref="ArgumentException">The lengths differ, there are fewer than 2 pairs, or a value is NaN or infinite.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Validate(x, y);
        return PearsonOfValid(x, y);
    }

    /// <summary>
    /// Spearman's rank correlation: Pearson's r of the ranks of <paramref name="x"/> and of <paramref name="y"/>,
    /// tied values sharing their average rank (see <see cref="AverageRanks"/>). It is 1 for any strictly increasing
    /// relation, linear or not.
    /// </summary>
    /// <param name="x">First series; finite values.</param>
    /// <param name="y">Second series, paired with <paramref name="x"/> by index; finite values.</param>
    /// <returns>The coefficient, or <see cref="double.NaN"/> when either series is constant.</returns>
    /// <exception cref="ArgumentException">The lengths differ, there are fewer than 2 pairs, or a value is NaN or infinite.</exception>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Validate(x, y);
        return PearsonOfValid(AverageRanksOfValid(x), AverageRanksOfValid(y));
    }

    /// <summary>
    /// Ranks of <paramref name="values"/>, 1 for the smallest, tied values each given the average of the ranks they
    /// span (so [10, 20, 20, 30] ranks as [1, 2.5, 2.5, 4]).
    /// </summary>
    /// <param name="values">Finite values.</param>
    /// <returns>One rank per value, in the order of <paramref name="values"/>.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireFinite(values, nameof(values));
        return AverageRanksOfValid(values);
    }

    private static void Validate(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x and y must have the same length, got {x.Count} and {y.Count}", nameof(y));
        }

        if (x.Count < 2)
        {
            throw new ArgumentException($"a correlation needs at least 2 pairs, got {x.Count}", nameof(x));
        }

        RequireFinite(x, nameof(x));
        RequireFinite(y, nameof(y));
    }

    private static void RequireFinite(IReadOnlyList<double> values, string name)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; every value must be finite", name);
            }
        }
    }

    private static double PearsonOfValid(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        // Tested exactly rather than through Σ(x−x̄)² = 0: the rounded mean of equal values can differ from them
        // in the last bit, which would turn 0/0 into a meaningless ratio of rounding errors.
        if (IsConstant(x) || IsConstant(y))
        {
            return double.NaN;
        }

        double meanX = Mean(x), meanY = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        // Rounding can push |r| a hair past 1 for (anti)proportional series.
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    /// <summary>Mean with one corrective pass, which recovers most of the rounding error of the plain sum.</summary>
    private static double Mean(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        double mean = sum / values.Count, correction = 0;
        for (int i = 0; i < values.Count; i++)
        {
            correction += values[i] - mean;
        }

        return mean + correction / values.Count;
    }

    private static bool IsConstant(IReadOnlyList<double> values)
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }

    private static double[] AverageRanksOfValid(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]])
            {
                end++;
            }

            // Positions start..end-1 hold ranks start+1..end; their average is (start + 1 + end) / 2.
            double rank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }
}
