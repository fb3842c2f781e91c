using System.Globalization;

namespace Siamese.Data;

/// <summary>
/// Writes files atomically: the content goes to a hidden temporary file in the destination's folder, which
/// then replaces the destination in one rename, so readers never see a half-written file.
/// </summary>
/// <remarks>
/// The destination must be a regular file or not exist: a device (<c>/dev/null</c>), a named pipe or a folder is refused,
/// never replaced. A symbolic link is followed, so the file it points to is replaced and the link stays. The temporary
/// file's name holds the writer's process id (<c>.name.&lt;pid&gt;.&lt;random&gt;.tmp</c>); one left behind by a process
/// that was killed mid-write is deleted by the next write to the same destination.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the destination is untouched.</summary>
    /// <exception cref="IOException">The destination exists and is not a regular file.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Destination(path);
        string temporary = TemporaryFor(fullPath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Refuses a destination that exists and is not a regular file (a folder, device, pipe or socket), so that a
    /// long run can check its output before it starts instead of failing at the end.
    /// </summary>
    /// <exception cref="IOException">The destination is not a regular file.</exception>
    public static void CheckDestination(string path) => _ = Destination(path);

    /// <summary>The full path to replace: <paramref name="path"/>, or the file a symbolic link there points to.</summary>
    private static string Destination(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (new FileInfo(fullPath).LinkTarget is not null && new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            fullPath = target.FullName;
        }

        // The nearest existing folder on the way must be a folder: "--report /dev/null" names a device as the folder.
        for (string? ancestor = Path.GetDirectoryName(fullPath); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            var kind = FileType.Of(ancestor);
            if (kind == FileType.Kind.Directory)
            {
                break;
            }

            if (kind != FileType.Kind.Missing)
            {
                throw new IOException($"{path}: cannot be written, because {ancestor} is a file, not a folder");
            }
        }

        return FileType.Of(fullPath) switch
        {
            FileType.Kind.Directory => throw new IOException($"{path}: is a folder; expected a file name to write"),
            FileType.Kind.Special => throw new IOException($"{path}: is a device, pipe or socket, not a regular file; it is never replaced: give a file name to write"),
            _ => fullPath,
        };
    }

    /// <summary>
    /// A new temporary path beside <paramref name="fullPath"/> that holds this process's id, having first deleted the
    /// temporaries of <paramref name="fullPath"/> (and their <c>-journal</c>-style side files) left by processes that
    /// no longer run. For writers that cannot go through <see cref="Write"/> (SQLite builds its file by path).
    /// </summary>
    public static string TemporaryFor(string fullPath)
    {
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{fullPath}' has no parent folder", nameof(fullPath));
        string name = Path.GetFileName(fullPath);
        DeleteStaleTemporaries(folder, name);
        return Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    private static void DeleteStaleTemporaries(string folder, string name)
    {
        string prefix = $".{name}.";
        IEnumerable<string> leftovers;
        try
        {
            leftovers = Directory.EnumerateFiles(folder, $"{prefix}*.tmp*").ToList();
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        foreach (string leftover in leftovers)
        {
            // pid.random.tmp, or pid.random.tmp-journal for a side file
            string[] parts = Path.GetFileName(leftover)[prefix.Length..].Split('.');
            if (parts.Length == 3 && parts[2].StartsWith("tmp", StringComparison.Ordinal) && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid))
            {
                TryDelete(leftover);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
