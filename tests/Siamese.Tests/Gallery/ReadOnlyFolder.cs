using System.Diagnostics;

namespace Siamese.Tests.Gallery;

/// <summary>
/// Makes a folder and the files in it read-only until disposed, as in a read-only deployment. File modes stop an
/// ordinary user but not root, so when the tests run as root the folder and its files also get the immutable
/// attribute (chattr +i), which stops root too. <see cref="RefusesWrites"/> tells whether a write really fails, found
/// by trying one.
/// </summary>
internal sealed class ReadOnlyFolder : IDisposable
{
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnlyDirectory = ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly string path;
    private readonly string[] files;
    private readonly bool immutable;

    public ReadOnlyFolder(string path)
    {
        this.path = path;
        files = Directory.GetFiles(path);
        foreach (string file in files)
        {
            SetMode(file, ReadOnlyFile);
        }

        SetMode(path, ReadOnlyDirectory);
        RefusesWrites = WriteFails();
        if (!RefusesWrites && Chattr("+i"))
        {
            immutable = true;
            RefusesWrites = WriteFails();
        }
    }

    /// <summary>True when creating a file in the folder or appending to one of its files fails.</summary>
    public bool RefusesWrites { get; }

    public void Dispose()
    {
        if (immutable)
        {
            Chattr("-i");
        }

        SetMode(path, ReadOnlyDirectory | UnixFileMode.UserWrite);
        foreach (string file in files)
        {
            SetMode(file, ReadOnlyFile | UnixFileMode.UserWrite);
        }
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        // The tests run on Linux (the project ships linux-x64 natives only); Windows has no Unix modes.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private bool WriteFails()
    {
        string probe = Path.Combine(path, ".probe");
        bool creationFails = Fails(() => File.WriteAllText(probe, ""));
        if (!creationFails)
        {
            File.Delete(probe);
        }

        return creationFails && files.All(file => Fails(() => new FileStream(file, FileMode.Append, FileAccess.Write).Dispose()));
    }

    private static bool Fails(Action write)
    {
        try
        {
            write();
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private bool Chattr(string change)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(change);
        start.ArgumentList.Add(path);
        foreach (string file in files)
        {
            start.ArgumentList.Add(file);
        }

        try
        {
            using var chattr = Process.Start(start)!;
            chattr.StandardError.ReadToEnd();
            chattr.WaitForExit();
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
