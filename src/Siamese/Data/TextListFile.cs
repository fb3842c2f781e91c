namespace Siamese.Data;

/// <summary>
/// A file of texts, one per line (strict UTF-8): the queries or candidates of a search, the texts to embed. Blank
/// lines are skipped; invalid UTF-8 and over-long lines are errors naming the file and line.
/// </summary>
public static class TextListFile
{
    /// <summary>Longest line accepted, in characters.</summary>
    public const int MaxLength = TextLines.MaxLineLength;

    /// <summary>The non-blank lines of <paramref name="path"/>, trimmed.</summary>
    /// <exception cref="DataFormatException">Missing file, invalid UTF-8, a line over <see cref="MaxLength"/>, or no text at all.</exception>
    public static IReadOnlyList<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var texts = new List<string>();
        using var reader = Utf8LineReader.Open(path, "a text file with one text per line", MaxLength);
        while (reader.TryRead(out string line, out _))
        {
            string text = line.Trim();
            if (text.Length > 0)
            {
                texts.Add(text);
            }
        }

        if (texts.Count == 0)
        {
            throw new DataFormatException(path, "holds no text (expected one text per line)");
        }

        return texts;
    }
}
