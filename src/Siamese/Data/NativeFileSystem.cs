using System.Runtime.InteropServices;

namespace Siamese.Data;

/// <summary>
/// What .NET does not tell about a path on Linux, for the readers: whether it is a regular file (a named pipe, device
/// or socket looks like a file to <see cref="File.Exists(string?)"/>, and opening a named pipe blocks until a writer
/// comes), found by <see cref="FileType"/> without opening it, and its real path with every link resolved, from glibc's
/// <c>realpath(3)</c>, which only looks at the file system. Where glibc is missing, real paths resolve only the last link.
/// </summary>
internal static class NativeFileSystem
{
    private static volatile bool realPathUnavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Throws unless <paramref name="path"/> is a regular file (a link to one is fine), without opening it.
    /// </summary>
    /// <param name="path">The file, as the caller named it (the messages start with it).</param>
    /// <param name="expected">What the caller reads, for the messages: "an image file", "a file".</param>
    /// <exception cref="DataFormatException">The path is missing, a folder, or a named pipe, device or socket.</exception>
    public static void RequireRegularFile(string path, string expected)
    {
        string? problem = FileType.Of(path) switch
        {
            FileType.Kind.Regular => null,
            FileType.Kind.Missing => "file not found",
            FileType.Kind.Directory => $"expected {expected}, found a folder",
            _ => FileType.NotRegular(expected),
        };
        if (problem is not null)
        {
            throw new DataFormatException(path, problem);
        }
    }

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every link (in any folder on it, and the last one) resolved,
    /// as <c>realpath(3)</c> gives it; null when it cannot be resolved (it does not exist, or a link leads nowhere or loops).
    /// </summary>
    public static string? RealPath(string path)
    {
        if (!realPathUnavailable)
        {
            try
            {
                IntPtr resolved = RealPathNative(path, IntPtr.Zero);
                if (resolved == IntPtr.Zero)
                {
                    return null;
                }

                try
                {
                    return Marshal.PtrToStringUTF8(resolved);
                }
                finally
                {
                    Free(resolved);
                }
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                realPathUnavailable = true;
            }
        }

        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        try
        {
            return Path.GetFullPath((info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true))?.FullName ?? path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc.so.6", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
