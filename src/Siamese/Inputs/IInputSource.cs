using static TorchSharp.torch;

namespace Siamese.Inputs;

/// <summary>A set of model inputs that can be gathered into a batch tensor by index.</summary>
public interface IInputSource
{
    /// <summary>Number of inputs.</summary>
    int Count { get; }

    /// <summary>The inputs at <paramref name="indices"/> as one float tensor (N, ...), ready for the encoder.</summary>
    Tensor Gather(ReadOnlySpan<int> indices);
}
