using Siamese.Data;

namespace Siamese.Sources;

/// <summary>Images with a class label each: losses form or mine their tuples from the labels.</summary>
/// <param name="Images">The images and their labels.</param>
public sealed record LabelledImages(LabeledImageSet Images) : DataPart
{
    /// <inheritdoc />
    public override int Count => Images.Count;
}
