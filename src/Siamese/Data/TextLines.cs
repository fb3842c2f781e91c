namespace Siamese.Data;

/// <summary>
/// Opens and reads UTF-8 text files line by line, turning I/O failures into one-line <see cref="DataFormatException"/>s,
/// and resolves the paths that list files hold, which are relative to the list file's own folder.
/// </summary>
internal static class TextLines
{
    /// <summary>
    /// Opens <paramref name="path"/> for sequential reading, without a buffer of its own (the reader buffers); a
    /// folder, a missing file or a file that cannot be opened is a <see cref="DataFormatException"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should be, for the message when it is a folder (e.g. "a pair list file").</param>
    public static FileStream OpenFile(string path, string expected)
    {
        if (Directory.Exists(path))
        {
            throw new DataFormatException(path, $"expected {expected}, found a folder");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>The error for a read of <paramref name="path"/> that failed after the file was opened.</summary>
    public static DataFormatException CannotRead(string path, IOException ex) => new(path, $"cannot be read: {ex.Message}", ex);

    /// <summary>The folder that relative paths written in the file <paramref name="path"/> are relative to: the file's own.</summary>
    public static string FolderOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? Path.GetFullPath(".");

    /// <summary>
    /// The path written in <paramref name="field"/>, spaces around it ignored, made absolute against
    /// <paramref name="folder"/> (see <see cref="FolderOf"/>). The caller rejects empty fields first, with its own message.
    /// </summary>
    public static string ResolvePath(string field, string folder) => Path.GetFullPath(field.Trim(), folder);

    /// <summary>
    /// The lines of <paramref name="path"/> (strict UTF-8) that carry content, with their 1-based numbers: empty lines
    /// and lines whose first non-blank character is '#' are skipped. A line longer than <paramref name="maxLength"/>
    /// characters is an error before it is read whole.
    /// </summary>
    public static IEnumerable<(int LineNumber, string Line)> Content(string path, string expected, int maxLength)
    {
        using Utf8LineReader reader = Utf8LineReader.Open(path, expected, maxLength);
        while (reader.TryRead(out string line, out _))
        {
            string trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                yield return (reader.LineNumber, line);
            }
        }
    }
}
