using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Training;

/// <summary>Fixed float rows of one shape per source, for <see cref="TwoSidedInputSource"/> tests: row i is filled with <c>Offset + i</c> plus its column / 10.</summary>
internal sealed class ConstantRowsSource(int count, int width, float offset) : IInputSource
{
    public int Count => count;

    public float Offset => offset;

    public float Value(int row, int column) => offset + row + (column / 10f);

    public Tensor Gather(ReadOnlySpan<int> indices)
    {
        TorchEngine.EnsureInitialized();
        var flat = new float[indices.Length * width];
        for (int i = 0; i < indices.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(indices[i]);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(indices[i], count);
            for (int c = 0; c < width; c++)
            {
                flat[(i * width) + c] = Value(indices[i], c);
            }
        }

        return tensor(flat, [indices.Length, width]);
    }
}
