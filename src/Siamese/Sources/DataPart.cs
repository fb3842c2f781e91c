namespace Siamese.Sources;

/// <summary>
/// One part of a data set (training, validation or test), of one of the shapes training knows: images with class labels
/// (<see cref="LabelledImages"/>), images with explicit labelled pairs (<see cref="ImagePairs"/>) or text pairs
/// (<see cref="TextPairs"/>).
/// </summary>
public abstract record DataPart
{
    /// <summary>Number of examples: images for labelled images, pairs for pair data.</summary>
    public abstract int Count { get; }
}
