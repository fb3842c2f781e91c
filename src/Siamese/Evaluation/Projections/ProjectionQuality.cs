using Siamese.Evaluation.Metrics;

namespace Siamese.Evaluation.Projections;

/// <summary>
/// How faithful a low-dimensional map is to the space it was projected from: leave-one-out k-NN label accuracy in
/// either space (compare the two: a map that keeps classes apart scores about as well as the original), and
/// trustworthiness (are the map's neighbours real neighbours?). Pure functions on plain arrays, Euclidean distances,
/// ties between equal distances broken by the lower index. All O(n²).
/// </summary>
public static class ProjectionQuality
{
    /// <summary>
    /// Leave-one-out k-NN label accuracy in a 2-D map: each point takes the majority label of its
    /// <paramref name="k"/> nearest other points (see <see cref="RetrievalMetrics.KnnAccuracy"/>); returns the fraction
    /// whose label is kept. With k = 1, "1-NN accuracy in 2-D".
    /// </summary>
    /// <param name="x">First map coordinate of each point.</param>
    /// <param name="y">Second map coordinate of each point.</param>
    /// <param name="labels">Class of each point.</param>
    /// <param name="k">Voting neighbours; between 1 and n − 1.</param>
    /// <exception cref="ArgumentException">The lengths differ, a coordinate is not finite, or <paramref name="k"/> is out of range.</exception>
    public static double KnnAccuracy(double[] x, double[] y, int[] labels, int k = 1)
    {
        var points = Interleave(x, y);
        CheckLabels(labels, x.Length);
        return Accuracy(Neighbours(points, 2, k), labels, k);
    }

    /// <summary>
    /// Leave-one-out k-NN label accuracy in the original space, the baseline for
    /// <see cref="KnnAccuracy(double[], double[], int[], int)"/>.
    /// </summary>
    /// <param name="rows">The points, n × <paramref name="dimension"/> values row-major.</param>
    /// <param name="dimension">Values per point; at least 1.</param>
    /// <param name="labels">Class of each point.</param>
    /// <param name="k">Voting neighbours; between 1 and n − 1.</param>
    /// <exception cref="ArgumentException">The shapes disagree, a value is not finite, or <paramref name="k"/> is out of range.</exception>
    public static double KnnAccuracy(float[] rows, int dimension, int[] labels, int k = 1)
    {
        var points = ToDouble(rows, dimension);
        CheckLabels(labels, points.Length / dimension);
        return Accuracy(Neighbours(points, dimension, k), labels, k);
    }

    /// <summary>
    /// Trustworthiness T(k) (Venna and Kaski 2001): 1 − 2 / (n k (2n − 3k − 1)) Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k), where
    /// U_k(i) are the map's k nearest neighbours of i that are not among its k nearest in the original space and r(i, j)
    /// is j's rank among i's original neighbours (1 = nearest). 1 when every map neighbourhood is a true one; about 0.5
    /// for a random map. The same definition as scikit-learn's <c>trustworthiness</c>.
    /// </summary>
    /// <param name="rows">The original points, n × <paramref name="dimension"/> values row-major.</param>
    /// <param name="dimension">Values per original point; at least 1.</param>
    /// <param name="x">First map coordinate of each point.</param>
    /// <param name="y">Second map coordinate of each point.</param>
    /// <param name="k">Neighbourhood size; at least 1 and below n / 2.</param>
    /// <exception cref="ArgumentException">The shapes disagree, a value is not finite, or <paramref name="k"/> is out of range.</exception>
    public static double Trustworthiness(float[] rows, int dimension, double[] x, double[] y, int k = 5)
    {
        var original = ToDouble(rows, dimension);
        var map = Interleave(x, y);
        int n = x.Length;
        if (original.Length / dimension != n)
        {
            throw new ArgumentException($"rows holds {original.Length / dimension} points but the map {n}", nameof(x));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (2 * k >= n)
        {
            throw new ArgumentException($"k = {k} must be below half the number of points ({n})", nameof(k));
        }

        var mapNeighbours = Neighbours(map, 2, k);
        var penalties = new double[n];
        TsneEngine.ForEachRow(n, i =>
        {
            // Ranks of every point among i's original neighbours, i itself excluded.
            var order = SortedOthers(original, dimension, i);
            var rank = new int[n];
            for (int r = 0; r < order.Length; r++)
            {
                rank[order[r]] = r + 1;
            }

            double penalty = 0;
            foreach (int j in mapNeighbours[i])
            {
                penalty += Math.Max(0, rank[j] - k);
            }

            penalties[i] = penalty;
        });

        double total = 0;
        foreach (double penalty in penalties)
        {
            total += penalty;
        }

        return 1 - (2.0 / (n * k * ((2.0 * n) - (3.0 * k) - 1)) * total);
    }

    /// <summary>Per point, its <paramref name="k"/> nearest other points (squared Euclidean), nearest first, ties to the lower index.</summary>
    internal static int[][] Neighbours(double[] points, int dimension, int k)
    {
        int n = points.Length / dimension;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (k > n - 1)
        {
            throw new ArgumentException($"k = {k} but each point has only {n - 1} others", nameof(k));
        }

        var result = new int[n][];
        TsneEngine.ForEachRow(n, i =>
        {
            var best = new int[k];
            var bestDistance = new double[k];
            int count = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double distance = SquaredDistance(points, dimension, i, j);
                if (count == k && distance >= bestDistance[k - 1])
                {
                    continue;
                }

                // Insert after every equal distance: earlier (lower) indices stay ahead.
                int at = count == k ? k - 1 : count++;
                while (at > 0 && bestDistance[at - 1] > distance)
                {
                    best[at] = best[at - 1];
                    bestDistance[at] = bestDistance[at - 1];
                    at--;
                }

                best[at] = j;
                bestDistance[at] = distance;
            }

            result[i] = best;
        });
        return result;
    }

    private static int[] SortedOthers(double[] points, int dimension, int i)
    {
        int n = points.Length / dimension;
        var others = new int[n - 1];
        var distances = new double[n - 1];
        for (int j = 0, o = 0; j < n; j++)
        {
            if (j != i)
            {
                others[o] = j;
                distances[o++] = SquaredDistance(points, dimension, i, j);
            }
        }

        // Array.Sort is not stable: runs of equal distances are put back in index order below.
        Array.Sort(distances, others);
        for (int start = 0; start < others.Length;)
        {
            int end = start + 1;
            while (end < others.Length && distances[end] == distances[start])
            {
                end++;
            }

            Array.Sort(others, start, end - start);
            start = end;
        }

        return others;
    }

    private static double SquaredDistance(double[] points, int dimension, int i, int j)
    {
        double sum = 0;
        for (int c = 0; c < dimension; c++)
        {
            double diff = points[(i * dimension) + c] - points[(j * dimension) + c];
            sum += diff * diff;
        }

        return sum;
    }

    private static double Accuracy(int[][] neighbours, int[] labels, int k)
    {
        var neighbourLabels = new int[neighbours.Length][];
        for (int i = 0; i < neighbours.Length; i++)
        {
            neighbourLabels[i] = Array.ConvertAll(neighbours[i], j => labels[j]);
        }

        return RetrievalMetrics.KnnAccuracy(labels, neighbourLabels, k);
    }

    private static void CheckLabels(int[] labels, int n)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != n)
        {
            throw new ArgumentException($"there are {labels.Length} labels for {n} points", nameof(labels));
        }
    }

    private static double[] Interleave(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"x has {x.Length} coordinates but y {y.Length}", nameof(y));
        }

        var points = new double[2 * x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"map point {i} is not finite ({x[i]}, {y[i]})", nameof(x));
            }

            points[2 * i] = x[i];
            points[(2 * i) + 1] = y[i];
        }

        return points;
    }

    private static double[] ToDouble(float[] rows, int dimension)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length % dimension != 0)
        {
            throw new ArgumentException($"rows holds {rows.Length} values, not a multiple of the dimension {dimension}", nameof(rows));
        }

        var data = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            if (!float.IsFinite(rows[i]))
            {
                throw new ArgumentException($"point {i / dimension} has a non-finite value ({rows[i]})", nameof(rows));
            }

            data[i] = rows[i];
        }

        return data;
    }
}
