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

    public static float[] ToArray(Tensor t) => t.detach().contiguous().data<float>().ToArray();
}
