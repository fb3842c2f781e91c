namespace Siamese.Data;

/// <summary>
/// Opens and reads UTF-8 text files line by line, turning I/O failures into one-line <see cref="DataFormatException"/>s,
/// and resolves the paths that list files hold, which are relative to the list file's own folder.
/// </summary>
internal static class TextLines
{
    /// <summary>Longest line, in characters, that any text or list file may hold: the one rule of every line reader.</summary>
    public const int MaxLineLength = 100_000;

    /// <summary>
    /// Opens <paramref name="path"/> for sequential reading, without a buffer of its own (the reader buffers); a
    /// folder, a missing file or a file that cannot be opened is a <see cref="DataFormatException"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should be, for the message when it is a folder (e.g. "a pair list file").</param>
    public static FileStream OpenFile(string path, string expected)
    {
        // A named pipe would block the open until a writer comes; a device would be read forever.
        NativeFileSystem.RequireRegularFile(path, expected);
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
    /// <param name="field">The field as read.</param>
    /// <param name="folder">The folder relative paths start from.</param>
    /// <param name="file">The list file, for the message.</param>
    /// <param name="lineNumber">The field's line, for the message.</param>
    /// <exception cref="DataFormatException">The field holds a control character (a NUL, say) or is not a usable path.</exception>
    public static string ResolvePath(string field, string folder, string file, int lineNumber)
    {
        string trimmed = field.Trim();
        if (trimmed.Any(char.IsControl))
        {
            throw new DataFormatException(file, lineNumber, $"the path {MessageText.Quote(trimmed)} holds a control character; expected a file path");
        }

        try
        {
            return Path.GetFullPath(trimmed, folder);
        }
        catch (Exception ex) when (ex is ArgumentException or PathTooLongException or NotSupportedException)
        {
            throw new DataFormatException(file, lineNumber, $"the path {MessageText.Quote(trimmed)} is not a usable file path");
        }
    }

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
