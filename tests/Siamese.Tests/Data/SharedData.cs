namespace Siamese.Tests.Data;

/// <summary>
/// The public benchmark data shared beside the checkout (../shared/data, see its README), or the folder that
/// $SIAMESE_SHARED_DATA names. Missing data fails the test that needs it, as missing Fashion-MNIST and WordNet sets do:
/// a test that passes without its data would prove nothing.
/// </summary>
internal static class SharedData
{
    /// <summary>The environment variable that overrides the location of the shared data folder.</summary>
    public const string DirectoryVariable = "SIAMESE_SHARED_DATA";

    /// <summary>The sub-folder <paramref name="name"/> of the shared data (e.g. "stsb"); fails the test when it is missing.</summary>
    public static string Folder(string name)
    {
        var roots = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? [configured]
            : Candidates(Checkout()).ToList();
        string? found = roots.Select(root => Path.Combine(root, name)).FirstOrDefault(Directory.Exists);
        Assert.True(found is not null,
            $"{name} is missing from the shared data (looked in {string.Join(", ", roots)}): it belongs in ../shared/data beside the checkout (or set {DirectoryVariable})");
        return found;
    }

    /// <summary>
    /// ../shared/data beside the checkout, and beside the checkout it was cloned from when that is a folder on this
    /// machine (a fresh clone in a temporary folder, as CI makes one, has no shared data beside it).
    /// </summary>
    private static IEnumerable<string> Candidates(string checkout)
    {
        yield return Path.GetFullPath(Path.Combine(checkout, "..", "shared", "data"));
        if (OriginFolder(checkout) is { } origin)
        {
            yield return Path.GetFullPath(Path.Combine(origin, "..", "shared", "data"));
        }
    }

    /// <summary>The url of the clone's "origin" remote when it is a local folder; null otherwise.</summary>
    private static string? OriginFolder(string checkout)
    {
        string config = Path.Combine(checkout, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }

        bool inOrigin = false;
        foreach (string raw in File.ReadLines(config))
        {
            string line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.Split('=', 2) is [_, var url])
            {
                string folder = url.Trim();
                return Directory.Exists(folder) ? folder : null;
            }
        }

        return null;
    }

    private static string Checkout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Siamese.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the checkout (Siamese.slnx) above the test binaries");
    }
}
