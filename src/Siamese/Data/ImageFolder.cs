namespace Siamese.Data;

/// <summary>
/// A labelled image set read from the usual layout of face, signature and character data sets: one sub-folder per
/// class (at <see cref="ImageFolderOptions.ClassDepth"/>), holding PNG, JPEG, BMP, GIF, WebP or Netpbm (PBM, PGM, PPM,
/// PNM) files. Classes are numbered 0, 1, … in ordinal order of their names, and images in ordinal order of their paths,
/// so the same folder always gives the same labels. Files with other extensions are skipped and counted in
/// <see cref="SkippedFiles"/>; hidden entries (names starting with '.') are ignored; every image is decoded, converted and resized as <see cref="ImageFileReader"/> does.
/// <para>
/// Links (symbolic links) to files and folders are followed, so a data set can be put together from links to images
/// kept elsewhere, and a class folder may itself be a link. Links that would change what the tree says are refused
/// with an error naming the link: a folder link back to a folder that holds it (a loop, which would read the same
/// images again and again), a folder link that leads into a visible part of the data folder (whose images are read in
/// their own place: following it would read them twice, or under the label of the class the link sits in), a file
/// link to an image of another class, and a second path to a folder already read (two links to one outside folder).
/// Targets outside the data folder, or in a hidden folder inside it, are fine. Such links are errors rather than
/// skipped in silence because either way would be wrong without a word: skipping leaves out images the tree shows,
/// following them repeats images or gives them another class's label, and the user cannot tell from the counts
/// which happened. One line naming the link lets them remove it or move its target out of the tree.
/// </para>
/// <para>
/// Before any image is decoded, the size the set would take as float32 values is held to
/// <see cref="ImageFolderOptions.MemoryBudget"/>; every image must be a regular file (a named pipe, which would block
/// the reader, is refused unopened).
/// </para>
/// </summary>
public sealed class ImageFolder
{
    /// <summary>The file extensions read as images (lower case, with the dot).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".pgm", ".ppm", ".pbm", ".pnm"];

    private ImageFolder(string root, LabeledImageSet images, string[] classNames, string[] paths, int skipped)
    {
        Root = root;
        Images = images;
        ClassNames = classNames;
        Paths = paths;
        SkippedFiles = skipped;
        var counts = new int[classNames.Length];
        foreach (int label in images.Labels)
        {
            counts[label]++;
        }

        SingleImageClasses = Enumerable.Range(0, classNames.Length).Where(c => counts[c] == 1).Select(c => classNames[c]).ToArray();
    }

    /// <summary>The folder that was read.</summary>
    public string Root { get; }

    /// <summary>The images, labelled with class numbers that index <see cref="ClassNames"/>.</summary>
    public LabeledImageSet Images { get; }

    /// <summary>Name of each class: its folder path below the root, with '/' between levels.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Path of each image below the root (with '/'), in the order of <see cref="Images"/>.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Files skipped because their extension is not an image format (hidden files are ignored and not counted).</summary>
    public int SkippedFiles { get; }

    /// <summary>
    /// Classes with a single image: usable as one-shot support or gallery entries, but they cannot form genuine
    /// pairs, so trainers leave them out of training pairs.
    /// </summary>
    public IReadOnlyList<string> SingleImageClasses { get; }

    /// <summary>Reads <paramref name="root"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class depth or the memory budget of the options is below 1.</exception>
    /// <exception cref="DataFormatException">
    /// The folder is missing, has no class folders at that depth, a class folder holds no images, an image lies
    /// outside any class folder, a link is refused (see the class summary), the images would take more than
    /// <see cref="ImageFolderOptions.MemoryBudget"/>, or an image cannot be decoded or is not a regular file (the
    /// message names the file).
    /// </exception>
    public static ImageFolder Load(string root, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        options ??= new ImageFolderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClassDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MemoryBudget, 1);
        if (!Directory.Exists(root))
        {
            throw new DataFormatException(root, File.Exists(root) ? "expected a folder of class sub-folders, found a file" : "folder not found");
        }

        var walk = new ImageFolderWalk(root, options.ClassDepth);
        walk.Run();
        var classes = walk.Classes;
        if (classes.Count == 0)
        {
            throw new DataFormatException(root, $"no class folders {options.ClassDepth} level(s) down; expected one sub-folder per class{(options.ClassDepth > 1 ? "" : " (for root/group/class/ layouts choose a deeper class level)")}");
        }

        classes.Sort((a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name));
        var files = new List<(string Path, int Label)>();
        for (int c = 0; c < classes.Count; c++)
        {
            files.AddRange(classes[c].Images.Order(StringComparer.Ordinal).Select(path => (path, c)));
        }

        int height;
        int width;
        if (options.Height is { } h && options.Width is { } w)
        {
            (height, width) = (h, w);
        }
        else
        {
            var size = ImageFileReader.ReadSize(files[0].Path);
            (height, width) = (options.Height ?? size.Height, options.Width ?? size.Width);
        }

        ImageFileReader.CheckSizes(options.Channels, height, width);
        if (LabeledImageSet.CheckMemory(files.Count, options.Channels, height, width, options.MemoryBudget) is { } tooLarge)
        {
            throw new DataFormatException(root, tooLarge);
        }

        var set = LabeledImageSet.FromImageFiles(files.ConvertAll(f => f.Path), files.Select(f => f.Label).ToArray(), options.Channels, height, width);
        return new ImageFolder(root, set, classes.ConvertAll(c => c.Name).ToArray(), files.Select(f => Relative(root, f.Path)).ToArray(), walk.Skipped);
    }

    /// <summary>Whether <paramref name="path"/> has one of the <see cref="Extensions"/> (any case).</summary>
    public static bool IsImageFile(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    private static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
