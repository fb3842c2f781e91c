using Siamese.Data;

namespace Siamese.Persistence;

/// <summary>What the model takes as input: shape of one input and how pixels are normalised.</summary>
/// <param name="Channels">1 for grayscale, 3 for RGB.</param>
/// <param name="Height">Height in pixels; images of other sizes are resized.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Normalization">Applied to pixel/255 before the encoder.</param>
public sealed record InputSpec(int Channels, int Height, int Width, InputNormalization Normalization);
