using static TorchSharp.torch;

namespace Siamese.Inputs;

/// <summary>A set of model inputs that can be gathered into a batch tensor by index.</summary>
public interface IInputSource
{
    /// <summary>Number of inputs.</summary>
    int Count { get; }

    /// <summary>The inputs at <paramref name="indices"/> as one float tensor (N, ...), ready for the encoder.</summary>
    Tensor Gather(ReadOnlySpan<int> indices);

    /// <summary>Whether the items say which side of a pair each is on (a pseudo-Siamese network's two kinds of input); false: every item is a first-side input.</summary>
    bool IsTwoSided => false;

    /// <summary>
    /// Applies <paramref name="map"/> to each side's items on their own (the side's source, side-local indices and the
    /// side) and puts the rows back in batch order; a one-sided source maps all its items as first-side inputs in one call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The two sides' results cannot be stacked.</exception>
    Tensor PerSide(ReadOnlySpan<int> items, Func<IInputSource, int[], PairSide, Tensor> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map(this, items.ToArray(), PairSide.First);
    }
}
