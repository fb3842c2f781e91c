namespace Siamese.Data;

/// <summary>How <see cref="ImageFolder.Load"/> reads a folder of class sub-folders.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>
    /// Folder level that names the classes (default 1): 1 for <c>root/class/*.png</c>, 2 for nested sets such as
    /// Omniglot's <c>root/alphabet/character/*.png</c>, whose class names become "alphabet/character".
    /// Images anywhere below a class folder belong to that class.
    /// </summary>
    public int ClassDepth { get; init; } = 1;

    /// <summary>1 for greyscale (default), 3 for RGB.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Rows every image is resized to; null for the height of the first image (in sorted path order).</summary>
    public int? Height { get; init; }

    /// <summary>Columns every image is resized to; null for the width of the first image.</summary>
    public int? Width { get; init; }

    /// <summary>
    /// Most memory, in bytes, the images may take as float32 values, the form a model reads them in: images x channels
    /// x height x width x 4 bytes (the set itself keeps one byte a value, a quarter of that). A folder that would need
    /// more is refused before any image is decoded, with the size it would need. Default
    /// <see cref="LabeledImageSet.DefaultMemoryBudget"/> (8 GiB); must be at least 1.
    /// </summary>
    public long MemoryBudget { get; init; } = LabeledImageSet.DefaultMemoryBudget;
}
