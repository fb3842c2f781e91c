using System.Runtime.InteropServices;

namespace Siamese.Data;

/// <summary>
/// What kind of file system object a path names, from <c>stat(2)</c>: .NET reports a named pipe, a device and a regular
/// file alike (<see cref="FileAttributes.Normal"/>), and opening a pipe to find out blocks until a writer comes.
/// </summary>
internal static class FileType
{
    /// <summary>The object kinds that matter to readers and writers.</summary>
    internal enum Kind
    {
        /// <summary>Nothing at the path (or a dangling link).</summary>
        Missing,

        /// <summary>A regular file (or a link to one).</summary>
        Regular,

        /// <summary>A folder (or a link to one).</summary>
        Directory,

        /// <summary>A named pipe, a character or block device, or a socket.</summary>
        Special,
    }

    /// <summary>What a reader says of a path that is a named pipe, device or socket, expecting <paramref name="expected"/>.</summary>
    public static string NotRegular(string expected) => $"not a regular file (a named pipe, device or socket); expected {expected}";

    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint RegularBits = 0x8000; // S_IFREG
    private const uint DirectoryBits = 0x4000; // S_IFDIR

    /// <summary>The kind of what <paramref name="path"/> names, following symbolic links.</summary>
    public static Kind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return System.IO.Directory.Exists(path) ? Kind.Directory : File.Exists(path) ? Kind.Regular : Kind.Missing;
        }

        // struct stat of glibc: st_mode sits at byte 24 on x86-64 and at byte 16 on arm64; 256 bytes hold either.
        int modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            var other => throw new PlatformNotSupportedException($"reading file types is not implemented for {other}"),
        };
        Span<byte> buffer = stackalloc byte[256];
        if (stat(path, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return Kind.Missing;
        }

        uint type = BitConverter.ToUInt32(buffer[modeOffset..]) & TypeMask;
        return type == RegularBits ? Kind.Regular : type == DirectoryBits ? Kind.Directory : Kind.Special;
    }

    [DllImport("libc.so.6", EntryPoint = "stat", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte buffer);
}
