using System.Globalization;
using Siamese.Data;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary>Loads the image data the options choose, and splits it by class for one-shot training and evaluation.</summary>
internal static class ImageData
{
    /// <summary>The first problem with the data options, or null.</summary>
    public static string? Validate(IImageDataSettings settings)
    {
        if (settings.Images is not null && settings.Data is not null)
        {
            return "--images and --data both choose the data; give one";
        }

        if (settings.ClassDepth < 1)
        {
            return $"--class-depth must be at least 1 (got {settings.ClassDepth})";
        }

        return settings.ImageSize is not null && ParseSize(settings.ImageSize) is null
            ? $"--image-size takes HxW or one number, e.g. 105x105 or 64 (got '{settings.ImageSize}')"
            : null;
    }

    /// <summary>Parses "105x105" or "64" into (height, width); null when malformed.</summary>
    public static (int Height, int Width)? ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2)
        {
            return null;
        }

        var numbers = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] < 1 || numbers[i] > 4096)
            {
                return null;
            }
        }

        return (numbers[0], numbers[^1]);
    }

    /// <summary>Reads the image folder of <paramref name="settings"/>, at a given input shape or the options' own.</summary>
    public static ImageFolder LoadFolder(IImageDataSettings settings, (int Channels, int Height, int Width)? shape = null)
    {
        var size = settings.ImageSize is null ? null : ParseSize(settings.ImageSize);
        var folder = Output.ConsoleProgress.RunIndeterminate("reading images", () => ImageFolder.Load(settings.Images!, new ImageFolderOptions
        {
            ClassDepth = settings.ClassDepth,
            Channels = shape?.Channels ?? (settings.Color ? 3 : 1),
            Height = shape?.Height ?? size?.Height,
            Width = shape?.Width ?? size?.Width,
        }));
        var images = folder.Images;
        AnsiConsole.MarkupLine($"Read {images.Count} images of {folder.ClassNames.Count} classes from [bold]{Markup.Escape(folder.Root)}[/] as {images.Channels}x{images.Height}x{images.Width}"
            + (folder.SkippedFiles > 0 ? $"; skipped {folder.SkippedFiles} non-image files." : "."));
        if (folder.SingleImageClasses.Count > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {folder.SingleImageClasses.Count} classes have a single image (e.g. {Markup.Escape(folder.SingleImageClasses[0])}): usable as one-shot support, not for training pairs, so training leaves them out.");
        }

        return folder;
    }
}
