using Siamese.Data;

namespace Siamese.Sources;

/// <summary>A folder of images with one sub-folder per class (at <see cref="ClassDepth"/>), split by <see cref="Split"/>; validation holds out whole classes unless it says otherwise.</summary>
public sealed record ImageFolderSource : DataSourceSpec
{
    /// <summary>The root folder.</summary>
    public required string Folder { get; init; }

    /// <summary>Folder level that names the classes: 1 for root/class/*.png, 2 for root/alphabet/character/*.png (default 1).</summary>
    public int ClassDepth { get; init; } = 1;

    /// <summary>1 to read the images as greyscale (default), 3 for RGB.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Height images are resized to, or null for the first image's.</summary>
    public int? Height { get; init; }

    /// <summary>Width images are resized to, or null for the first image's.</summary>
    public int? Width { get; init; }

    /// <summary>How the images are split.</summary>
    public ImageSplitOptions Split { get; init; } = new();

    /// <inheritdoc />
    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            throw new ArgumentException("image-folder: the folder is missing");
        }

        if (ClassDepth < 1)
        {
            throw new ArgumentException($"image-folder: the class depth must be at least 1 (got {ClassDepth})");
        }

        (Split ?? throw new ArgumentException("image-folder: the split options are missing")).Validate();
    }

    /// <inheritdoc />
    public override DataSplits Load(int seed)
    {
        Validate();
        var folder = ImageFolder.Load(Folder, new ImageFolderOptions { ClassDepth = ClassDepth, Channels = Channels, Height = Height, Width = Width });
        var splits = ImageClassSplit.Apply(folder.Images, null, folder.ClassNames, Split, ValidationHoldout.Class, $"image folder {Folder}", seed, ReadNotes(folder));
        return splits with { Log = [ReadLine(folder)] };
    }

    /// <summary>What was read, in one line.</summary>
    internal static string ReadLine(ImageFolder folder)
    {
        var images = folder.Images;
        return $"Read {images.Count} images of {folder.ClassNames.Count} classes from {folder.Root} as {images.Channels}x{images.Height}x{images.Width}"
            + (folder.SkippedFiles > 0 ? $"; skipped {folder.SkippedFiles} non-image files." : ".");
    }

    /// <summary>What reading the folder left out, for the user.</summary>
    internal static IEnumerable<string> ReadNotes(ImageFolder folder)
    {
        if (folder.SingleImageClasses.Count > 0)
        {
            yield return $"{folder.SingleImageClasses.Count} classes have a single image (e.g. {folder.SingleImageClasses[0]}): usable as one-shot support, not for training pairs, so training leaves them out.";
        }
    }
}
