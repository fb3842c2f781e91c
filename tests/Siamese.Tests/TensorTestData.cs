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
}
