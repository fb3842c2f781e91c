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
        string root = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Checkout(), "..", "shared", "data"));
        string folder = Path.Combine(root, name);
        Assert.True(Directory.Exists(folder), $"{folder} is missing: the shared data belongs in ../shared/data beside the checkout (or set {DirectoryVariable})");
        return folder;
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
