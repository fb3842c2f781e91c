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
}
