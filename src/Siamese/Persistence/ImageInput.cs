using Siamese.Data;

namespace Siamese.Persistence;

/// <summary>An image branch's input: files of any size and format decoded to this shape and normalised.</summary>
/// <param name="Channels">1 for greyscale, 3 for RGB.</param>
/// <param name="Height">Height in pixels (images of other sizes are resized).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Normalization">Applied to pixel/255 before the encoder.</param>
public sealed record ImageInput(int Channels, int Height, int Width, InputNormalization Normalization) : BranchInput
{
    /// <inheritdoc />
    public override string Reads => "image files";
}
