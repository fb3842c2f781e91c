using Siamese.Inputs;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Training;

/// <summary>
/// Inputs of shape (1, 2, 4) drawn around one random centre per class, so that a twin network can
/// learn to separate the classes in a few dozen steps. Optionally poisons batches with NaN.
/// </summary>
internal sealed class SyntheticInputs : IInputSource
{
    private readonly float[][] items;

    public SyntheticInputs(int classes, int perClass, int seed, double noise = 0.6)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, 8).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
        var list = new List<float[]>();
        var labels = new List<int>();
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                list.Add(centres[c].Select(v => (float)(v + (Gaussian(random) * noise))).ToArray());
                labels.Add(c);
            }
        }

        items = list.ToArray();
        Labels = labels.ToArray();
    }

    public int[] Labels { get; }

    public int Count => items.Length;

    /// <summary>When set, the Gather call with this one-based number returns NaN inputs.</summary>
    public int? PoisonGather { get; set; }

    public int Gathers { get; private set; }

    public Tensor Gather(ReadOnlySpan<int> indices)
    {
        Gathers++;
        var flat = new float[indices.Length * 8];
        for (int i = 0; i < indices.Length; i++)
        {
            items[indices[i]].CopyTo(flat, i * 8);
        }

        if (PoisonGather == Gathers)
        {
            Array.Fill(flat, float.NaN);
        }

        return tensor(flat, [indices.Length, 1, 2, 4]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
