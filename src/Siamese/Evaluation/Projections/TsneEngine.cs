using System.Numerics;

namespace Siamese.Evaluation.Projections;

/// <summary>
/// Exact O(n²) t-SNE on plain double arrays (van der Maaten and Hinton 2008, "Visualizing Data using t-SNE", JMLR 9).
/// Rows are processed in parallel blocks, each row's sums in a fixed order and the per-row results combined in row
/// order, so a run is reproducible on a given machine whatever the thread schedule.
/// </summary>
internal static class TsneEngine
{
    private const int BlockRows = 32;
    private const double EntropyTolerance = 1e-5;
    private const int MaxCalibrationSteps = 200;
    private const double MinProbability = 1e-12;

    /// <summary>Squared Euclidean distances between all rows of <paramref name="data"/> (n × d row-major), n × n row-major.</summary>
    internal static double[] SquaredDistances(double[] data, int n, int d)
    {
        // Row i computes the pairs j > i and writes both (i, j) and (j, i): no cell is written twice.
        var result = new double[(long)n * n];
        int width = Vector<double>.Count;
        ForEachRow(n, i =>
        {
            var a = data.AsSpan(i * d, d);
            for (int j = i + 1; j < n; j++)
            {
                var b = data.AsSpan(j * d, d);
                var sums = Vector<double>.Zero;
                int c = 0;
                for (; c <= d - width; c += width)
                {
                    var diff = new Vector<double>(a.Slice(c, width)) - new Vector<double>(b.Slice(c, width));
                    sums += diff * diff;
                }

                double sum = Vector.Sum(sums);
                for (; c < d; c++)
                {
                    double diff = a[c] - b[c];
                    sum += diff * diff;
                }

                result[((long)i * n) + j] = sum;
                result[((long)j * n) + i] = sum;
            }
        });
        return result;
    }

    /// <summary>
    /// Finds the precision β = 1 / (2σ²) of point <paramref name="self"/>'s Gaussian by bisection so that the entropy
    /// (natural log) of p(j | i) ∝ exp(−β d²(i, j)), j ≠ i, is <paramref name="targetEntropy"/> within 1e-5, and writes
    /// those probabilities (0 at <paramref name="self"/>).
    /// </summary>
    /// <returns>The precision β found.</returns>
    internal static double CalibrateRow(ReadOnlySpan<double> squaredDistances, int self, double targetEntropy, Span<double> probabilities, out double entropy)
    {
        // Distances are shifted by the smallest one: the normalised probabilities are unchanged, the largest
        // unnormalised one is exactly 1, so the sum cannot underflow however large β grows.
        double nearest = double.PositiveInfinity;
        for (int j = 0; j < squaredDistances.Length; j++)
        {
            if (j != self)
            {
                nearest = Math.Min(nearest, squaredDistances[j]);
            }
        }

        double beta = 1, lower = 0, upper = double.PositiveInfinity;
        entropy = Entropy(squaredDistances, self, nearest, beta, probabilities);
        for (int step = 0; step < MaxCalibrationSteps && Math.Abs(entropy - targetEntropy) > EntropyTolerance; step++)
        {
            if (entropy > targetEntropy)
            {
                // Too flat: sharpen.
                lower = beta;
                beta = double.IsPositiveInfinity(upper) ? beta * 2 : (beta + upper) / 2;
            }
            else
            {
                upper = beta;
                beta = (beta + lower) / 2;
            }

            entropy = Entropy(squaredDistances, self, nearest, beta, probabilities);
        }

        return beta;
    }

    /// <summary>
    /// The symmetric joint affinities p_ij = (p(j | i) + p(i | j)) / 2n of t-SNE, each row calibrated to
    /// <paramref name="perplexity"/>, off-diagonal entries floored at 1e-12; n × n row-major, summing to about 1.
    /// Computed in double precision and stored in single: the optimisation reads the whole matrix every iteration,
    /// so halving it halves the memory traffic that bounds the speed, and 7 significant digits are plenty for a
    /// probability.
    /// </summary>
    internal static float[] JointProbabilities(double[] data, int n, int d, double perplexity)
    {
        var conditional = ConditionalProbabilities(data, n, d, perplexity);
        var p = new float[(long)n * n];
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                float value = (float)Math.Max((conditional[(i * n) + j] + conditional[(j * n) + i]) * scale, MinProbability);
                p[(i * n) + j] = value;
                p[(j * n) + i] = value;
            }
        }

        return p;
    }

    /// <summary>The conditional probabilities p(j | i), row i calibrated to <paramref name="perplexity"/>; n × n row-major.</summary>
    internal static double[] ConditionalProbabilities(double[] data, int n, int d, double perplexity)
    {
        var p = SquaredDistances(data, n, d);
        double target = Math.Log(perplexity);
        ForEachRow(n, i =>
        {
            var row = p.AsSpan(i * n, n);
            var probabilities = new double[n];
            CalibrateRow(row, i, target, probabilities, out _);
            probabilities.CopyTo(row);
        });
        return p;
    }

    /// <summary>
    /// Minimises KL(P‖Q) over the map (<paramref name="x"/>, <paramref name="y"/>, updated in place) by gradient descent
    /// with momentum, delta-bar-delta gains and early exaggeration, re-centring the map after each step.
    /// </summary>
    /// <returns>The final KL divergence, without exaggeration.</returns>
    internal static double Optimize(float[] p, int n, double[] x, double[] y, TsneOptions options, double learningRate, CancellationToken cancellationToken)
    {
        var attractX = new double[n];
        var attractY = new double[n];
        var repelX = new double[n];
        var repelY = new double[n];
        var kernelSums = new double[n];
        var updateX = new double[n];
        var updateY = new double[n];
        var gainX = new double[n];
        var gainY = new double[n];
        Array.Fill(gainX, 1.0);
        Array.Fill(gainY, 1.0);

        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool early = iteration < options.ExaggerationIterations;
            double exaggeration = early ? options.EarlyExaggeration : 1.0;
            double momentum = early ? options.InitialMomentum : options.FinalMomentum;

            ForEachRow(n, i => (attractX[i], attractY[i], repelX[i], repelY[i], kernelSums[i]) = RowForces(i, p.AsSpan(i * n, n), x, y));
            double z = 0;
            for (int i = 0; i < n; i++)
            {
                z += kernelSums[i];
            }

            // dC/dy_i = 4 Σ_j (p_ij − q_ij)(1 + |y_i − y_j|²)⁻¹ (y_i − y_j), with q_ij = (1 + |y_i − y_j|²)⁻¹ / Z.
            double inverseZ = 1.0 / z;
            for (int i = 0; i < n; i++)
            {
                double gradX = 4 * ((exaggeration * attractX[i]) - (repelX[i] * inverseZ));
                double gradY = 4 * ((exaggeration * attractY[i]) - (repelY[i] * inverseZ));
                Step(ref x[i], ref updateX[i], ref gainX[i], gradX, momentum, learningRate, options.MinGain);
                Step(ref y[i], ref updateY[i], ref gainY[i], gradY, momentum, learningRate, options.MinGain);
            }

            Centre(x);
            Centre(y);
        }

        return KlDivergence(p, n, x, y);
    }

    /// <summary>KL(P‖Q) = Σ_{i≠j} p_ij log(p_ij / q_ij) of a map.</summary>
    internal static double KlDivergence(float[] p, int n, double[] x, double[] y)
    {
        var plogp = new double[n];
        var plogKernel = new double[n];
        var kernelSums = new double[n];
        ForEachRow(n, i =>
        {
            var row = p.AsSpan(i * n, n);
            double a = 0, b = 0, s = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                double kernel = 1.0 / (1.0 + (dx * dx) + (dy * dy));
                s += kernel;
                if (row[j] > 0)
                {
                    a += row[j] * Math.Log(row[j]);
                    b += row[j] * Math.Log(kernel);
                }
            }

            (plogp[i], plogKernel[i], kernelSums[i]) = (a, b, s);
        });

        double sumPlogP = 0, sumPlogKernel = 0, z = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            sumPlogP += plogp[i];
            sumPlogKernel += plogKernel[i];
            z += kernelSums[i];
        }

        for (int k = 0; k < p.Length; k++)
        {
            total += p[k];
        }

        // log q_ij = log kernel_ij − log Z.
        return sumPlogP - sumPlogKernel + (total * Math.Log(z));
    }

    /// <summary>Gaussian start with standard deviation 1e-4 from a seeded generator (Box-Muller).</summary>
    internal static void RandomStart(int seed, double[] x, double[] y)
    {
        var random = new Random(seed);
        for (int i = 0; i < x.Length; i++)
        {
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * 1e-4;
            double angle = 2 * Math.PI * random.NextDouble();
            x[i] = radius * Math.Cos(angle);
            y[i] = radius * Math.Sin(angle);
        }
    }

    /// <summary>Runs <paramref name="body"/> for rows 0..n−1 in parallel blocks of consecutive rows.</summary>
    internal static void ForEachRow(int n, Action<int> body)
    {
        int blocks = (n + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, block =>
        {
            int end = Math.Min(n, (block + 1) * BlockRows);
            for (int i = block * BlockRows; i < end; i++)
            {
                body(i);
            }
        });
    }

    /// <summary>
    /// Row i's attractive sum Σ_j p_ij k_ij (y_i − y_j), unnormalised repulsive sum Σ_j k_ij² (y_i − y_j) and kernel
    /// sum Σ_{j≠i} k_ij, with k_ij = (1 + |y_i − y_j|²)⁻¹; vectorised over j.
    /// </summary>
    private static (double AttractX, double AttractY, double RepelX, double RepelY, double KernelSum) RowForces(
        int i, ReadOnlySpan<float> pRow, double[] x, double[] y)
    {
        int n = x.Length;
        int width = Vector<double>.Count;
        double xi = x[i], yi = y[i];
        var vxi = new Vector<double>(xi);
        var vyi = new Vector<double>(yi);
        Vector<double> ax = Vector<double>.Zero, ay = Vector<double>.Zero, rx = Vector<double>.Zero, ry = Vector<double>.Zero, zs = Vector<double>.Zero;
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        int j = 0;
        for (; j <= n - (2 * width); j += 2 * width)
        {
            Vector.Widen(new Vector<float>(pRow.Slice(j, 2 * width)), out var pLow, out var pHigh);
            Accumulate(vxi - new Vector<double>(xs.Slice(j, width)), vyi - new Vector<double>(ys.Slice(j, width)), pLow, ref ax, ref ay, ref rx, ref ry, ref zs);
            Accumulate(vxi - new Vector<double>(xs.Slice(j + width, width)), vyi - new Vector<double>(ys.Slice(j + width, width)), pHigh, ref ax, ref ay, ref rx, ref ry, ref zs);
        }

        double sax = Vector.Sum(ax), say = Vector.Sum(ay), srx = Vector.Sum(rx), sry = Vector.Sum(ry), sz = Vector.Sum(zs);
        for (; j < n; j++)
        {
            double dx = xi - xs[j];
            double dy = yi - ys[j];
            double kernel = 1.0 / (1.0 + (dx * dx) + (dy * dy));
            sz += kernel;
            double pk = pRow[j] * kernel;
            sax += pk * dx;
            say += pk * dy;
            double kk = kernel * kernel;
            srx += kk * dx;
            sry += kk * dy;
        }

        // The j = i term has kernel 1 and no displacement: it only added 1 to the kernel sum.
        return (sax, say, srx, sry, sz - 1);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(
        Vector<double> dx, Vector<double> dy, Vector<double> p, ref Vector<double> ax, ref Vector<double> ay, ref Vector<double> rx, ref Vector<double> ry, ref Vector<double> zs)
    {
        var kernel = Vector<double>.One / (Vector<double>.One + (dx * dx) + (dy * dy));
        zs += kernel;
        var pk = p * kernel;
        ax += pk * dx;
        ay += pk * dy;
        var kk = kernel * kernel;
        rx += kk * dx;
        ry += kk * dy;
    }

    private static void Step(ref double position, ref double update, ref double gain, double gradient, double momentum, double learningRate, double minGain)
    {
        gain = update * gradient < 0 ? gain + 0.2 : gain * 0.8;
        gain = Math.Max(gain, minGain);
        update = (momentum * update) - (learningRate * gain * gradient);
        position += update;
    }

    private static void Centre(double[] values)
    {
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] -= mean;
        }
    }

    /// <summary>Entropy H = log Σ + β Σ p d² of the row at precision β, writing the normalised probabilities.</summary>
    private static double Entropy(ReadOnlySpan<double> squaredDistances, int self, double shift, double beta, Span<double> probabilities)
    {
        double sum = 0, weighted = 0;
        for (int j = 0; j < squaredDistances.Length; j++)
        {
            if (j == self)
            {
                probabilities[j] = 0;
                continue;
            }

            double shifted = squaredDistances[j] - shift;
            double value = Math.Exp(-beta * shifted);
            probabilities[j] = value;
            sum += value;
            weighted += value * shifted;
        }

        double inverse = 1.0 / sum;
        for (int j = 0; j < probabilities.Length; j++)
        {
            probabilities[j] *= inverse;
        }

        return Math.Log(sum) + (beta * weighted * inverse);
    }
}
