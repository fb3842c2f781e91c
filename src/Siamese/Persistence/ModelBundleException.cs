namespace Siamese.Persistence;

/// <summary>A file is not a usable model bundle; the message is one line naming the file and the problem.</summary>
public sealed class ModelBundleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelBundleException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The offending file.</summary>
    public string Path { get; }
}
