using Siamese.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Projections;

/// <summary>
/// Projections of embeddings to a few dimensions for an "embedding map": PCA (linear, exact, keeps global
/// distances) and exact t-SNE (non-linear, keeps neighbourhoods). Pure functions: they compute and return, and write
/// nothing. Distances in the input space are Euclidean; for embeddings trained with cosine similarity, L2-normalise
/// the rows first. Judge a map with <see cref="ProjectionQuality"/>.
/// </summary>
public static class EmbeddingProjection
{
    /// <summary>
    /// Principal component analysis: centres the rows and projects them on the <paramref name="components"/>
    /// directions of largest variance, computed by a float64 SVD of the centred data.
    /// </summary>
    /// <param name="rows">The points, n × <paramref name="dimension"/> values row-major; all finite.</param>
    /// <param name="dimension">Values per point; at least 1.</param>
    /// <param name="components">Components to keep; between 1 and min(n, <paramref name="dimension"/>).</param>
    /// <exception cref="ArgumentException">
    /// The length is not a multiple of <paramref name="dimension"/>, there are fewer than 2 points, a value is not
    /// finite, or <paramref name="components"/> is out of range.
    /// </exception>
    public static PcaProjection Pca(float[] rows, int dimension, int components = 2)
    {
        var data = ToDouble(rows, dimension, minimumPoints: 2, out int n);
        return PcaCore(data, n, dimension, components);
    }

    /// <summary>
    /// Principal component analysis of the rows of a (n, d) tensor; see <see cref="Pca(float[], int, int)"/>.
    /// The tensor is copied to the CPU in float64 and left as it was.
    /// </summary>
    /// <param name="embeddings">The points, (n, d), on any device.</param>
    /// <param name="components">Components to keep; between 1 and min(n, d).</param>
    /// <exception cref="ArgumentException">The tensor is not 2-D, has fewer than 2 rows, holds a non-finite value, or <paramref name="components"/> is out of range.</exception>
    public static PcaProjection Pca(Tensor embeddings, int components = 2)
    {
        var data = ToDouble(embeddings, minimumPoints: 2, out int n, out int d);
        return PcaCore(data, n, d, components);
    }

    /// <summary>
    /// Exact t-SNE to two dimensions (van der Maaten and Hinton 2008): Gaussian input affinities calibrated to the
    /// perplexity by bisection, symmetrised; a Student-t kernel in the map; gradient descent with early
    /// exaggeration, momentum and delta-bar-delta gains, starting from scaled PCA coordinates. Costs O(n²) time and
    /// 12n² bytes at peak (n = 3,000: 108 MB); 1,000 iterations took 5-7 s for 2,000 64-d points and 10-15 s for 3,000 on 2 cores shared with other jobs. Deterministic on
    /// a given machine; a random start is reproducible from <see cref="TsneOptions.Seed"/>.
    /// </summary>
    /// <param name="rows">The points, n × <paramref name="dimension"/> values row-major; all finite, n ≥ 3.</param>
    /// <param name="dimension">Values per point; at least 1.</param>
    /// <param name="options">Settings; null for the defaults (perplexity 30, 1,000 iterations).</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <exception cref="ArgumentException">
    /// The length is not a multiple of <paramref name="dimension"/>, there are fewer than 3 points, a value is not
    /// finite, an option is invalid, or the perplexity is not below the number of points.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TsneProjection Tsne(float[] rows, int dimension, TsneOptions? options = null, CancellationToken cancellationToken = default)
    {
        var data = ToDouble(rows, dimension, minimumPoints: 3, out int n);
        return TsneCore(data, n, dimension, options ?? new TsneOptions(), cancellationToken);
    }

    /// <summary>
    /// Exact t-SNE of the rows of a (n, d) tensor; see <see cref="Tsne(float[], int, TsneOptions?, CancellationToken)"/>.
    /// The tensor is copied to the CPU in float64 and left as it was.
    /// </summary>
    /// <param name="embeddings">The points, (n, d) with n ≥ 3, on any device.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <exception cref="ArgumentException">The tensor is not 2-D, has fewer than 3 rows, holds a non-finite value, an option is invalid, or the perplexity is not below the number of points.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TsneProjection Tsne(Tensor embeddings, TsneOptions? options = null, CancellationToken cancellationToken = default)
    {
        var data = ToDouble(embeddings, minimumPoints: 3, out int n, out int d);
        return TsneCore(data, n, d, options ?? new TsneOptions(), cancellationToken);
    }

    private static TsneProjection TsneCore(double[] data, int n, int d, TsneOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        if (options.Perplexity >= n)
        {
            throw new ArgumentException($"perplexity {options.Perplexity} must be below the number of points ({n})", nameof(options));
        }

        var x = new double[n];
        var y = new double[n];
        var start = options.Initialization;
        if (start == TsneInitialization.Pca && !PcaStart(data, n, d, x, y))
        {
            start = TsneInitialization.Random;
        }

        if (start == TsneInitialization.Random)
        {
            TsneEngine.RandomStart(options.Seed, x, y);
        }

        var p = TsneEngine.JointProbabilities(data, n, d, options.Perplexity);
        double learningRate = options.LearningRateFor(n);
        double kl = TsneEngine.Optimize(p, n, x, y, options, learningRate, cancellationToken);
        return new TsneProjection { X = x, Y = y, KlDivergence = kl, LearningRate = learningRate, Initialization = start };
    }

    /// <summary>The first two principal components scaled so the first has standard deviation 1e-4; false when degenerate.</summary>
    private static bool PcaStart(double[] data, int n, int d, double[] x, double[] y)
    {
        if (d < 2)
        {
            return false;
        }

        var pca = PcaCore((double[])data.Clone(), n, d, 2);
        var first = pca.X;
        var second = pca.Y;
        double variance = 0;
        foreach (double v in first)
        {
            variance += v * v;
        }

        double std = Math.Sqrt(variance / n);
        if (!(std > 0))
        {
            return false;
        }

        double scale = 1e-4 / std;
        for (int i = 0; i < n; i++)
        {
            x[i] = first[i] * scale;
            y[i] = second[i] * scale;
        }

        return true;
    }

    /// <summary>PCA of <paramref name="data"/> (n × d row-major), which it centres in place.</summary>
    private static PcaProjection PcaCore(double[] data, int n, int d, int components)
    {
        if (components < 1 || components > Math.Min(n, d))
        {
            throw new ArgumentException($"components must be between 1 and min(points, dimension) = {Math.Min(n, d)}, got {components}", nameof(components));
        }

        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                mean[c] += data[(i * d) + c];
            }
        }

        double totalSquares = 0;
        for (int c = 0; c < d; c++)
        {
            mean[c] /= n;
        }

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < d; c++)
            {
                double centred = data[(i * d) + c] - mean[c];
                data[(i * d) + c] = centred;
                totalSquares += centred * centred;
            }
        }

        var axes = PrincipalAxes(data, n, d, components, out var singularValues);
        var coordinates = new double[n, components];
        var explained = new double[components];
        var ratio = new double[components];
        for (int k = 0; k < components; k++)
        {
            // Deterministic sign: the loading of largest magnitude (the first on a tie) is positive.
            int largest = 0;
            for (int c = 1; c < d; c++)
            {
                if (Math.Abs(axes[k, c]) > Math.Abs(axes[k, largest]))
                {
                    largest = c;
                }
            }

            if (axes[k, largest] < 0)
            {
                for (int c = 0; c < d; c++)
                {
                    axes[k, c] = -axes[k, c];
                }
            }

            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int c = 0; c < d; c++)
                {
                    sum += data[(i * d) + c] * axes[k, c];
                }

                coordinates[i, k] = sum;
            }

            double squares = singularValues[k] * singularValues[k];
            explained[k] = squares / (n - 1);
            ratio[k] = totalSquares > 0 ? Math.Min(1, squares / totalSquares) : 0;
        }

        return new PcaProjection { Coordinates = coordinates, Components = axes, Mean = mean, ExplainedVariance = explained, ExplainedVarianceRatio = ratio };
    }

    /// <summary>The leading right singular vectors of the centred data (k × d) and their singular values, by libtorch's float64 SVD.</summary>
    private static double[,] PrincipalAxes(double[] centred, int n, int d, int k, out double[] singularValues)
    {
        TorchEngine.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var matrix = torch.tensor(centred, [n, d], dtype: ScalarType.Float64);
        var (_, s, vh) = torch.linalg.svd(matrix, fullMatrices: false);
        singularValues = s.narrow(0, 0, k).data<double>().ToArray();
        var loadings = vh.narrow(0, 0, k).contiguous().data<double>().ToArray();
        var axes = new double[k, d];
        Buffer.BlockCopy(loadings, 0, axes, 0, loadings.Length * sizeof(double));
        return axes;
    }

    private static double[] ToDouble(float[] rows, int dimension, int minimumPoints, out int n)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length % dimension != 0)
        {
            throw new ArgumentException($"rows holds {rows.Length} values, not a multiple of the dimension {dimension}", nameof(rows));
        }

        n = rows.Length / dimension;
        if (n < minimumPoints)
        {
            throw new ArgumentException($"need at least {minimumPoints} points, got {n}", nameof(rows));
        }

        var data = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            if (!float.IsFinite(rows[i]))
            {
                throw new ArgumentException($"point {i / dimension} has a non-finite value ({rows[i]}) at position {i % dimension}", nameof(rows));
            }

            data[i] = rows[i];
        }

        return data;
    }

    private static double[] ToDouble(Tensor embeddings, int minimumPoints, out int n, out int d)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.dim() != 2)
        {
            throw new ArgumentException($"embeddings must be (n, d), got [{string.Join(", ", embeddings.shape)}]", nameof(embeddings));
        }

        n = checked((int)embeddings.shape[0]);
        d = checked((int)embeddings.shape[1]);
        if (n < minimumPoints || d < 1)
        {
            throw new ArgumentException($"need at least {minimumPoints} points of at least 1 value, got [{n}, {d}]", nameof(embeddings));
        }

        double[] data;
        using (var scope = torch.NewDisposeScope())
        using (var noGrad = torch.no_grad())
        {
            data = embeddings.detach().to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        }

        for (int i = 0; i < data.Length; i++)
        {
            if (!double.IsFinite(data[i]))
            {
                throw new ArgumentException($"point {i / d} has a non-finite value ({data[i]}) at position {i % d}", nameof(embeddings));
            }
        }

        return data;
    }
}
