namespace Siamese.Cli.Commands;

/// <summary>The options that choose image data: Fashion-MNIST (the default) or a folder of class sub-folders.</summary>
public interface IImageDataSettings
{
    /// <summary>Folder with Fashion-MNIST's IDX files, or null for the default location.</summary>
    string? Data { get; }

    /// <summary>A folder of images, one sub-folder per class, used instead of Fashion-MNIST; or null.</summary>
    string? Images { get; }

    /// <summary>Folder level that names the classes.</summary>
    int ClassDepth { get; }

    /// <summary>Size folder images are resized to ("105x105" or "64"), or null for the first image's size.</summary>
    string? ImageSize { get; }

    /// <summary>Read folder images as RGB rather than greyscale.</summary>
    bool Color { get; }
}
