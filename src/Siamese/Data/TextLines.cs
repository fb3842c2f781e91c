using System.Text;

namespace Siamese.Data;

/// <summary>
/// Opens and reads UTF-8 text files line by line, turning I/O failures into one-line <see cref="DataFormatException"/>s,
/// and resolves the paths that list files hold, which are relative to the list file's own folder.
/// </summary>
internal static class TextLines
{
    /// <summary>Opens <paramref name="path"/> as UTF-8 text (a byte-order mark is honoured).</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should be, for the message when it is a folder (e.g. "a pair list file").</param>
    public static StreamReader Open(string path, string expected) =>
        new(OpenFile(path, expected, bufferSize: 4096), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>
    /// Opens <paramref name="path"/> for sequential reading; a folder, a missing file or a file that cannot be opened
    /// is a <see cref="DataFormatException"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should be, for the message when it is a folder (e.g. "a pair list file").</param>
    /// <param name="bufferSize">The stream's own buffer in bytes; 1 for none, for readers that buffer themselves.</param>
    public static FileStream OpenFile(string path, string expected, int bufferSize)
    {
        if (Directory.Exists(path))
        {
            throw new DataFormatException(path, $"expected {expected}, found a folder");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
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

    /// <summary>The next line, or null at the end of the file.</summary>
    public static string? Read(StreamReader reader, string path)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException ex)
        {
            throw CannotRead(path, ex);
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
    /// The lines of <paramref name="path"/> that carry content, with their 1-based numbers: empty lines and lines
    /// whose first non-blank character is '#' are skipped.
    /// </summary>
    public static IEnumerable<(int LineNumber, string Line)> Content(string path, string expected)
    {
        using StreamReader reader = Open(path, expected);
        int lineNumber = 0;
        string? line;
        while ((line = Read(reader, path)) is not null)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                yield return (lineNumber, line);
            }
        }
    }
}
