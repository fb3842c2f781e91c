namespace Siamese.Data;

/// <summary>
/// A data file is missing, unreadable or not in the expected format. The message is one line that starts
/// with the file's path (as the caller gave it, control characters escaped, a very long path shortened in the middle)
/// and says what was expected and what was found, for example
/// "train-images-idx3-ubyte.gz: expected IDX magic 0x00000803 (unsigned byte, 3 dimensions), found 0x00000801 ...".
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="filePath"/>; the message is "path: problem".</summary>
    /// <param name="filePath">The offending file (or folder), as the caller named it.</param>
    /// <param name="problem">What was expected and what was found; line breaks are replaced by spaces.</param>
    /// <param name="innerException">The low-level error that revealed the problem, if any.</param>
    public DataFormatException(string filePath, string problem, Exception? innerException = null)
        : base(Compose(filePath, null, problem), innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Creates the error for line <paramref name="lineNumber"/> of a text file; the message is "path: line N: problem".</summary>
    /// <param name="filePath">The offending file, as the caller named it.</param>
    /// <param name="lineNumber">The 1-based line number of the offending line.</param>
    /// <param name="problem">What was expected and what was found; line breaks are replaced by spaces.</param>
    public DataFormatException(string filePath, int lineNumber, string problem)
        : base(Compose(filePath, lineNumber, problem))
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>The offending file (or folder), as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number of the offending line in a text file, or null when the error is not tied to a line.</summary>
    public int? LineNumber { get; }

    private static string Compose(string filePath, int? lineNumber, string problem)
    {
        string line = lineNumber is { } n ? $"line {n}: " : "";
        return $"{MessageText.FileName(filePath)}: {line}{OneLine(problem)}";
    }

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
