using Siamese.Data;

namespace Siamese.Persistence;

/// <summary>What the model takes as input: shape of one input and how pixels are normalised.</summary>
/// <param name="Channels">1 for grayscale, 3 for RGB.</param>
/// <param name="Height">Height in pixels; images of other sizes are resized.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Normalization">Applied to pixel/255 before the encoder.</param>
public sealed record InputSpec(int Channels, int Height, int Width, InputNormalization Normalization)
{
    /// <summary>
    /// What format-1 and -2 bundles of text models stored as their input (no image: 0x0x0, identity); the fingerprint of
    /// a model whose branches all read texts still hashes it, so those models keep their fingerprints and galleries.
    /// </summary>
    public static InputSpec NoImages { get; } = new(0, 0, 0, InputNormalization.Identity);

    /// <summary>Checks the shape against the limits images are held to (<see cref="Encoders.EncoderSpec.MaxInputChannels"/>, <see cref="Encoders.EncoderSpec.MaxInputSide"/>).</summary>
    /// <exception cref="ArgumentException">A size is negative or beyond its limit, or the normalization is missing.</exception>
    public void Validate()
    {
        if (Normalization is null)
        {
            throw new ArgumentException("the input needs a normalization");
        }

        if (Channels is < 0 or > Encoders.EncoderSpec.MaxInputChannels)
        {
            throw new ArgumentException($"channels must be from 0 to {Encoders.EncoderSpec.MaxInputChannels}, not {Channels}");
        }

        if (Height is < 0 or > Encoders.EncoderSpec.MaxInputSide || Width is < 0 or > Encoders.EncoderSpec.MaxInputSide)
        {
            throw new ArgumentException($"height and width must be from 0 to {Encoders.EncoderSpec.MaxInputSide}, not {Height}x{Width}");
        }
    }
}
