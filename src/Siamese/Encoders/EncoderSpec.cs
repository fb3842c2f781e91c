using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>
/// The architecture of an encoder, serialisable to JSON so that a model bundle can rebuild it with
/// no code or flags from the user. <see cref="Build"/> creates a fresh, randomly initialised module. Each kind is one
/// record deriving from this one and one line of <see cref="EncoderCatalog"/>, which names it in JSON (<c>"kind"</c>).
/// </summary>
public abstract record EncoderSpec
{
    /// <summary>Most channels of one input accepted (<see cref="InputChannels"/>).</summary>
    public const int MaxInputChannels = 16;

    /// <summary>Largest input height or width accepted, in pixels.</summary>
    public const int MaxInputSide = 4096;

    /// <summary>Widest layer accepted: most units, channels or components of one layer, the embedding included.</summary>
    public const int MaxLayerWidth = 65536;

    /// <summary>Most layers of one kind accepted (convolutions per block, hidden layers, recurrent layers).</summary>
    public const int MaxLayers = 64;

    /// <summary>Largest kernel size accepted.</summary>
    public const int MaxKernelSize = 31;

    /// <summary>Most values one example may hold as input or as one layer's output (2^24: 64 MiB of float32).</summary>
    public const long MaxValuesPerExample = 1L << 24;

    /// <summary>Most weights (parameters and saved statistics) one encoder may hold (2^28: 1 GiB of float32).</summary>
    public const long MaxWeights = 1L << 28;

    /// <summary>Channels of one input (1 for grayscale images).</summary>
    public int InputChannels { get; init; } = 1;

    /// <summary>Height of one input in pixels.</summary>
    public int InputHeight { get; init; } = 28;

    /// <summary>Width of one input in pixels.</summary>
    public int InputWidth { get; init; } = 28;

    /// <summary>Length of the output vector.</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>
    /// Length of the embeddings a trained model hands out for comparison (galleries, evaluation, <c>embed</c>): the
    /// <see cref="EmbeddingDimension"/> unless the encoder embeds from an inner layer.
    /// </summary>
    [JsonIgnore]
    public virtual int OutputDimension => EmbeddingDimension;

    /// <summary>Whether outputs are scaled to unit L2 norm.</summary>
    public bool NormalizeOutput { get; init; } = true;

    /// <summary>Checks the settings and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <remarks>The sizes are held to the limits above, so that a description cannot make libtorch allocate gigabytes.</remarks>
    public virtual void Validate()
    {
        Require(InputChannels >= 1, "input channels must be at least 1");
        Require(InputChannels <= MaxInputChannels, $"input channels must be at most {MaxInputChannels}, not {InputChannels}");
        Require(InputHeight >= 1 && InputWidth >= 1, "input height and width must be at least 1");
        Require(InputHeight <= MaxInputSide && InputWidth <= MaxInputSide, $"input height and width must be at most {MaxInputSide}, not {InputHeight}x{InputWidth}");
        Require(EmbeddingDimension >= 1, "embedding dimension must be at least 1");
        Require(EmbeddingDimension <= MaxLayerWidth, $"embedding dimension must be at most {MaxLayerWidth}, not {EmbeddingDimension}");
    }

    /// <summary>Creates a randomly initialised encoder mapping (N, C, H, W) to (N, EmbeddingDimension).</summary>
    public abstract nn.Module<Tensor, Tensor> Build();

    /// <summary>Throws unless one input image (<see cref="InputChannels"/> x <see cref="InputHeight"/> x <see cref="InputWidth"/>) is within <see cref="MaxValuesPerExample"/>.</summary>
    protected void RequireImageWithinLimit()
    {
        long values = (long)InputChannels * InputHeight * InputWidth;
        Require(values <= MaxValuesPerExample, $"one {InputChannels}x{InputHeight}x{InputWidth} input holds {values} values; at most {MaxValuesPerExample}");
    }

    /// <summary>Throws unless <paramref name="weights"/>, the encoder's parameters and saved statistics counted from its settings, are within <see cref="MaxWeights"/>.</summary>
    protected static void RequireWeightsWithinLimit(long weights) =>
        Require(weights <= MaxWeights, $"the encoder would hold {weights} weights; at most {MaxWeights}");

    /// <summary>Parameters and statistics of a batch normalisation over <paramref name="features"/> (scale, shift, running mean and variance).</summary>
    protected static long BatchNormWeights(long features) => 4 * features;

    /// <summary>Throws an <see cref="ArgumentException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    protected static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
