namespace Siamese.Tests.Evaluation.Projections;

/// <summary>Point sets and a brute-force eigen-solver for the projection tests.</summary>
internal static class ProjectionTestData
{
    /// <summary>
    /// <paramref name="clusters"/> Gaussian clusters of <paramref name="perCluster"/> points in <paramref name="dimension"/>
    /// dimensions, centres drawn in [−<paramref name="spread"/>, <paramref name="spread"/>]^d, unit noise; labels are cluster numbers.
    /// </summary>
    public static (float[] Rows, int[] Labels) Clusters(int clusters, int perCluster, int dimension, double spread, int seed)
    {
        var random = new Random(seed);
        var centres = new double[clusters * dimension];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = ((random.NextDouble() * 2) - 1) * spread;
        }

        int n = clusters * perCluster;
        var rows = new float[n * dimension];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (int c = 0; c < dimension; c++)
            {
                rows[(i * dimension) + c] = (float)(centres[(labels[i] * dimension) + c] + Gaussian(random));
            }
        }

        return (rows, labels);
    }

    /// <summary>Random rows with column c scaled by <paramref name="scales"/>[c], so the principal axes are well separated.</summary>
    public static float[] Anisotropic(int n, double[] scales, int seed)
    {
        var random = new Random(seed);
        int d = scales.Length;
        var rows = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                rows[(i * d) + c] = (float)((Gaussian(random) * scales[c]) + c);
            }
        }

        // Mix the columns by a fixed rotation-like transform so the axes are not the coordinate axes.
        var mixed = new float[rows.Length];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                double sum = 0;
                for (int e = 0; e < d; e++)
                {
                    sum += rows[(i * d) + e] * Math.Cos((c + 1) * (e + 0.5));
                }

                mixed[(i * d) + c] = (float)sum;
            }
        }

        return mixed;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Sample covariance (n − 1 denominator) of row-major data, in double precision.</summary>
    public static double[,] Covariance(float[] rows, int d, out double[] mean)
    {
        int n = rows.Length / d;
        mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                mean[c] += rows[(i * d) + c] / (double)n;
            }
        }

        var covariance = new double[d, d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++)
                {
                    covariance[a, b] += (rows[(i * d) + a] - mean[a]) * (rows[(i * d) + b] - mean[b]) / (n - 1);
                }
            }
        }

        return covariance;
    }

    /// <summary>
    /// Cyclic Jacobi eigen-decomposition of a symmetric matrix: eigenvalues in decreasing order and the matching unit
    /// eigenvectors as rows.
    /// </summary>
    public static (double[] Values, double[,] Vectors) Jacobi(double[,] symmetric)
    {
        int d = symmetric.GetLength(0);
        var a = (double[,])symmetric.Clone();
        var v = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            v[i, i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < d; p++)
            {
                for (int q = p + 1; q < d; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (int p = 0; p < d; p++)
            {
                for (int q = p + 1; q < d; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    double c = 1 / Math.Sqrt((t * t) + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < d; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }

                    for (int k = 0; k < d; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = (c * vkp) - (s * vkq);
                        v[k, q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var order = Enumerable.Range(0, d).OrderByDescending(i => a[i, i]).ToArray();
        var values = order.Select(i => a[i, i]).ToArray();
        var vectors = new double[d, d];
        for (int r = 0; r < d; r++)
        {
            for (int k = 0; k < d; k++)
            {
                vectors[r, k] = v[k, order[r]];
            }
        }

        return (values, vectors);
    }
}
