using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>
/// The architecture of an encoder, serialisable to JSON so that a model bundle can rebuild it with
/// no code or flags from the user. <see cref="Build"/> creates a fresh, randomly initialised module.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ConvEncoderSpec), "cnn")]
[JsonDerivedType(typeof(MlpEncoderSpec), "mlp")]
[JsonDerivedType(typeof(TextEncoderSpec), "text")]
public abstract record EncoderSpec
{
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
    public virtual void Validate()
    {
        Require(InputChannels >= 1, "input channels must be at least 1");
        Require(InputHeight >= 1 && InputWidth >= 1, "input height and width must be at least 1");
        Require(EmbeddingDimension >= 1, "embedding dimension must be at least 1");
    }

    /// <summary>Creates a randomly initialised encoder mapping (N, C, H, W) to (N, EmbeddingDimension).</summary>
    public abstract nn.Module<Tensor, Tensor> Build();

    /// <summary>Throws an <see cref="ArgumentException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    protected static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
