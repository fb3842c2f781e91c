using System.IO.Enumeration;

namespace Siamese.Data;

/// <summary>
/// Finds the class folders and image files of an <see cref="ImageFolder"/>, following links by the rules its summary
/// states: links that lead outside the data folder are followed, a folder is never read twice, and nothing reached
/// through a link may lie in a visible part of the data folder where it would be read in its own place, or (for a
/// file) under another class. Every refused link is a <see cref="DataFormatException"/> naming it.
/// </summary>
internal sealed class ImageFolderWalk
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly string root;
    private readonly int classDepth;
    private readonly string rootReal;

    /// <summary>Every folder read so far (by its real path), with the path it was read as.</summary>
    private readonly Dictionary<string, string> read = new(StringComparer.Ordinal);

    /// <summary>Real paths of the folders from the root down to the one being read.</summary>
    private readonly List<string> onPath = [];

    /// <summary>Prepares a walk of <paramref name="root"/> (an existing folder) with classes <paramref name="classDepth"/> levels down.</summary>
    public ImageFolderWalk(string root, int classDepth)
    {
        this.root = root;
        this.classDepth = classDepth;
        rootReal = NativeFileSystem.RealPath(root) ?? Path.GetFullPath(root);
    }

    /// <summary>The class folders found, in the order they were walked, each with its image files.</summary>
    public List<ClassFolder> Classes { get; } = [];

    /// <summary>Files skipped because their extension is not an image format (hidden entries are not counted).</summary>
    public int Skipped { get; private set; }

    /// <summary>Walks the tree once.</summary>
    /// <exception cref="DataFormatException">An image lies outside any class folder, a class folder holds no images, or a link is refused.</exception>
    public void Run() => Visit(root, rootReal, 0, null);

    private void Visit(string folder, string real, int level, ClassFolder? owner)
    {
        if (read.TryGetValue(real, out string? first))
        {
            throw new DataFormatException(folder, $"this folder was already read as {Show(first)} (two paths lead to it through links), so its images would be read twice; expected every folder to be reachable one way only");
        }

        read.Add(real, folder);
        onPath.Add(real);
        var entries = Entries(folder);
        foreach (var entry in entries.Where(e => !e.IsDirectory))
        {
            if (!ImageFolder.IsImageFile(entry.Path))
            {
                Skipped++;
            }
            else if (owner is null)
            {
                throw new DataFormatException(entry.Path, $"image outside any class folder; expected class sub-folders {classDepth} level(s) below the root");
            }
            else
            {
                if (entry.IsLink)
                {
                    CheckFileLink(entry.Path, owner);
                }

                owner.Images.Add(entry.Path);
            }
        }

        foreach (var entry in entries.Where(e => e.IsDirectory))
        {
            string childReal = entry.IsLink ? FolderLinkTarget(entry.Path, owner) : Path.Join(real, Path.GetFileName(entry.Path));
            if (level + 1 == classDepth)
            {
                var found = new ClassFolder(Relative(entry.Path), childReal);
                Visit(entry.Path, childReal, level + 1, found);
                if (found.Images.Count == 0)
                {
                    throw new DataFormatException(entry.Path, $"class folder holds no images (expected files ending in {string.Join(", ", ImageFolder.Extensions)})");
                }

                Classes.Add(found);
            }
            else
            {
                Visit(entry.Path, childReal, level + 1, owner);
            }
        }

        onPath.RemoveAt(onPath.Count - 1);
    }

    /// <summary>The real folder a folder link leads to, once it is seen not to loop or lead into a visible part of the data folder.</summary>
    private string FolderLinkTarget(string link, ClassFolder? owner)
    {
        string target = NativeFileSystem.RealPath(link)
            ?? throw new DataFormatException(link, "link to a folder that cannot be resolved; expected links to lead to existing folders");
        if (onPath.Contains(target))
        {
            throw new DataFormatException(link, $"link back to {Show(target)}, a folder that holds it: following it would read the same images over and over; expected links to lead outside the data folder");
        }

        if (InVisiblePart(target))
        {
            string why = owner is null
                ? "the images there are read in their own place"
                : Within(target, owner.RealPath)
                    ? "its images would be read twice"
                    : $"its images would be labelled {owner.Name}";
            throw new DataFormatException(link, $"link to {Show(target)} inside the data folder: {why}; expected links to lead outside the data folder");
        }

        return target;
    }

    /// <summary>Refuses a file link that leads to an image of the data folder outside its own class (that image would get this class's label).</summary>
    private void CheckFileLink(string link, ClassFolder owner)
    {
        // A link that leads nowhere is left to the image reader, which reports the missing file.
        if (NativeFileSystem.RealPath(link) is { } target && InVisiblePart(target) && !Within(target, owner.RealPath))
        {
            throw new DataFormatException(link, $"link to {Show(target)}, outside its class folder {owner.Name}: that image would be labelled {owner.Name}; expected links to images of the same class or outside the data folder");
        }
    }

    /// <summary>Whether a real path lies inside the data folder and is not hidden there (no part of its path below the root starts with '.').</summary>
    private bool InVisiblePart(string real) =>
        Within(real, rootReal) && !Path.GetRelativePath(rootReal, real).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));

    private static bool Within(string path, string folder) =>
        path == folder || path.StartsWith(Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>A path for a message: below the root when it is inside the data folder, otherwise as it is.</summary>
    private string Show(string path)
    {
        if (Within(path, rootReal))
        {
            return path == rootReal ? "the data folder itself" : Path.GetRelativePath(rootReal, path).Replace(Path.DirectorySeparatorChar, '/');
        }

        string full = Path.GetFullPath(path);
        return Within(full, Path.GetFullPath(root)) ? Relative(full) : path;
    }

    private string Relative(string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The visible entries of one folder in ordinal order of their names; a link to a folder counts as a folder.</summary>
    private static List<Entry> Entries(string folder) =>
        new FileSystemEnumerable<Entry>(
                folder,
                (ref FileSystemEntry entry) => new Entry(
                    Path.Join(folder, entry.FileName),
                    entry.IsDirectory,
                    (entry.Attributes & FileAttributes.ReparsePoint) != 0),
                OneLevel)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.'),
            }
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();

    private readonly record struct Entry(string Path, bool IsDirectory, bool IsLink);

    /// <summary>A class folder: its name below the root ('/' between levels), its real path, and its images.</summary>
    internal sealed record ClassFolder(string Name, string RealPath)
    {
        /// <summary>The image files found below the folder, in walk order.</summary>
        public List<string> Images { get; } = [];
    }
}
