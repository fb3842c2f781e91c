using Siamese.Data;

namespace Siamese.Persistence;

/// <summary>What the model takes as input: shape of one input and how pixels are normalised.</summary>
/// <param name="Channels">1 for grayscale, 3 for RGB.</param>
/// <param name="Height">Height in pixels; images of other sizes are resized.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Normalization">Applied to pixel/255 before the encoder.</param>
/// <remarks>Text models store 0 for the channels, height and width: they take no image.</remarks>
public sealed record InputSpec(int Channels, int Height, int Width, InputNormalization Normalization)
{
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
