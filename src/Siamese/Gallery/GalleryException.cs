namespace Siamese.Gallery;

/// <summary>
/// A gallery file cannot be used: missing, not a gallery, damaged, a newer schema, made by another model, or
/// a label that is not enrolled. The message is one line naming the file and the problem.
/// </summary>
public sealed class GalleryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The gallery file, as the user named it.</param>
    /// <param name="problem">What is wrong, and where possible what to do.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public GalleryException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The offending gallery file.</summary>
    public string Path { get; }
}
