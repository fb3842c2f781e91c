using Siamese.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests;

/// <summary>Small fixed inputs for tensor tests, with plain-array twins for loop oracles.</summary>
internal static class TensorTestData
{
    public static double[][] RandomMatrix(int rows, int columns, int seed, double scale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows)
            .Select(_ => Enumerable.Range(0, columns).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray())
            .ToArray();
    }

    public static Tensor ToTensor(double[][] rows, bool requiresGrad = false)
    {
        TorchEngine.EnsureInitialized();
        var flat = rows.SelectMany(r => r.Select(v => (float)v)).ToArray();
        return tensor(flat, [rows.Length, rows[0].Length], requires_grad: requiresGrad);
    }

    /// <summary>Labels of the metric-learning issue's 8 x 4 reference batch.</summary>
    public static readonly int[] ReferenceBatchLabels = [0, 0, 1, 1, 2, 2, 3, 3];

    private static readonly double[][] ReferenceBatch =
    [
        [0.9, 0.1, -0.2, 0.3], [0.7, 0.4, -0.1, 0.2], [-0.3, 0.8, 0.5, -0.1], [0.2, 0.9, 0.3, 0.1],
        [0.1, -0.5, 0.8, 0.4], [-0.4, -0.2, 0.9, -0.3], [0.5, -0.6, -0.3, 0.7], [0.6, 0.2, -0.5, 0.6],
    ];

    /// <summary>The reference batch, L2-normalised, whose triplet figures the issue gives from a reference implementation.</summary>
    public static Tensor NormalizedReferenceBatch() => nn.functional.normalize(ToTensor(ReferenceBatch), p: 2, dim: 1);

    public static float[] ToArray(Tensor t) => t.detach().contiguous().data<float>().ToArray();

    /// <summary>The score of two rows under "l2", "cosine" or "exp-l1", in double precision, for loop oracles.</summary>
    public static double OracleScore(string distanceName, double[] x, double[] y) => distanceName switch
    {
        "l2" => Math.Sqrt(x.Zip(y, (u, v) => (u - v) * (u - v)).Sum()),
        "cosine" => x.Zip(y, (u, v) => u * v).Sum() / Math.Sqrt(x.Sum(u => u * u) * y.Sum(v => v * v)),
        "exp-l1" => Math.Exp(-x.Zip(y, (u, v) => Math.Abs(u - v)).Sum()),
        _ => throw new ArgumentException($"no oracle for '{distanceName}'", nameof(distanceName)),
    };

    /// <summary>How close two rows are, larger is closer: the cosine, or minus the L2 distance.</summary>
    public static double OracleCloseness(string distanceName, double[] x, double[] y) =>
        distanceName == "cosine" ? OracleScore(distanceName, x, y) : -OracleScore(distanceName, x, y);

    /// <summary>
    /// Asserts that <paramref name="gradient"/> (the autograd gradient with respect to <paramref name="rows"/>)
    /// matches central differences of <paramref name="oracle"/>, entry by entry.
    /// </summary>
    public static void AssertGradientMatchesOracle(double[][] rows, Func<double[][], double> oracle, Tensor gradient, int precision = 3)
    {
        var grad = ToArray(gradient);
        int columns = rows[0].Length;
        const double h = 1e-4;
        for (int i = 0; i < rows.Length; i++)
        {
            for (int k = 0; k < columns; k++)
            {
                var plus = rows.Select(r => r.ToArray()).ToArray();
                var minus = rows.Select(r => r.ToArray()).ToArray();
                plus[i][k] += h;
                minus[i][k] -= h;
                Assert.Equal((oracle(plus) - oracle(minus)) / (2 * h), grad[(i * columns) + k], precision);
            }
        }
    }
}
