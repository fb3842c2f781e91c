using System.Runtime.InteropServices;

namespace Siamese.Data;

/// <summary>
/// What .NET does not tell about a path on Linux: its file type (a named pipe, device or socket looks like a file to
/// <see cref="File.Exists(string?)"/>, and opening a named pipe blocks until a writer comes) and its real path with
/// every link resolved. Both come from glibc (<c>statx</c>, whose buffer layout is the same on every architecture, and
/// <c>realpath</c>) and only look at the file system: no file is opened, so they cannot block on a pipe. On systems
/// without them (not Linux, or a C library without statx) the answers fall back to what .NET can see: anything that
/// is not a folder counts as a regular file, and real paths resolve only the last link.
/// </summary>
internal static class NativeFileSystem
{
    private const string LibC = "libc.so.6";
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeMask = 0x1; // STATX_TYPE
    private const int NoSuchEntry = 2; // ENOENT
    private const int NotADirectory = 20; // ENOTDIR
    private const int NotImplemented = 38; // ENOSYS

    private static volatile bool nativeUnavailable = !OperatingSystem.IsLinux();

    /// <summary>What <paramref name="path"/> names, following links; <paramref name="error"/> says why when the answer is <see cref="FileKind.Unknown"/>.</summary>
    public static FileKind KindOf(string path, out string? error)
    {
        error = null;
        if (!nativeUnavailable)
        {
            try
            {
                if (Statx(CurrentDirectory, path, 0, TypeMask, out StatxBuffer status) == 0)
                {
                    return (status.Mode & 0xF000) switch
                    {
                        0x8000 => FileKind.RegularFile,
                        0x4000 => FileKind.Directory,
                        0x1000 => FileKind.NamedPipe,
                        0x2000 => FileKind.CharacterDevice,
                        0x6000 => FileKind.BlockDevice,
                        0xC000 => FileKind.Socket,
                        _ => FileKind.Unknown,
                    };
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno is NoSuchEntry or NotADirectory)
                {
                    return FileKind.Missing;
                }

                if (errno != NotImplemented)
                {
                    error = Marshal.GetPInvokeErrorMessage(errno);
                    return FileKind.Unknown;
                }
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
            }

            nativeUnavailable = true;
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.RegularFile : FileKind.Missing;
    }

    /// <summary>
    /// Throws unless <paramref name="path"/> is a regular file (a link to one is fine), without opening it.
    /// </summary>
    /// <param name="path">The file, as the caller named it (the messages start with it).</param>
    /// <param name="expected">What the caller reads, for the messages: "an image file", "a file".</param>
    /// <exception cref="DataFormatException">The path is missing, a folder, a named pipe, a device or a socket, or cannot be examined.</exception>
    public static void RequireRegularFile(string path, string expected)
    {
        FileKind kind = KindOf(path, out string? error);
        string? problem = kind switch
        {
            FileKind.RegularFile => null,
            FileKind.Missing => "file not found",
            FileKind.Directory => $"expected {expected}, found a folder",
            FileKind.NamedPipe => $"not a regular file (a named pipe); expected {expected}",
            FileKind.CharacterDevice => $"not a regular file (a character device); expected {expected}",
            FileKind.BlockDevice => $"not a regular file (a block device); expected {expected}",
            FileKind.Socket => $"not a regular file (a socket); expected {expected}",
            _ => error is null ? $"not a regular file; expected {expected}" : $"cannot be examined: {error}",
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
        if (!nativeUnavailable)
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
                nativeUnavailable = true;
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

    /// <summary>The part of <c>struct statx</c> we read: <c>stx_mode</c> (type and permission bits) at byte 28 of its 256.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;
    }

    [DllImport(LibC, EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [DllImport(LibC, EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative(string path, IntPtr resolved);

    [DllImport(LibC, EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
