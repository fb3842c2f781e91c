namespace Siamese.Data;

/// <summary>
/// Reads episode files, the way published one-shot benchmarks fix their trials: UTF-8 text, one trial per line,
/// tab-separated paths relative to the file's folder: the query image, then the correct candidate, then the other
/// candidates (for example 1 + 19 for a 20-way trial). Empty lines and lines starting with '#' are skipped; spaces
/// around fields are ignored. Lines end at LF, CRLF or CR. The image files themselves are read later.
/// </summary>
public static class EpisodeFile
{
    /// <summary>The longest line accepted, in characters (room for a hundred long paths).</summary>
    public const int MaxLength = TextLines.MaxLineLength;

    /// <summary>The trials of <paramref name="path"/> in file order, with absolute paths.</summary>
    /// <exception cref="DataFormatException">
    /// The file is missing or unreadable, is not valid UTF-8, holds no trials, or a line is longer than
    /// <see cref="MaxLength"/> characters or has fewer than three fields or an empty one; the message names the file
    /// and line.
    /// </exception>
    public static IReadOnlyList<EpisodeTrial> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = TextLines.FolderOf(path);
        var trials = new List<EpisodeTrial>();
        foreach (var (lineNumber, line) in TextLines.Content(path, "an episode file", MaxLength))
        {
            string[] fields = line.Split('\t');
            if (fields.Length < 3)
            {
                throw new DataFormatException(path, lineNumber,
                    $"expected tab-separated paths: the query, the correct candidate and at least one other candidate; found {fields.Length} field(s)");
            }

            // Every field is checked before any is resolved, so an empty field is reported even when an earlier one
            // is a path that Path.GetFullPath rejects.
            int empty = Array.FindIndex(fields, string.IsNullOrWhiteSpace);
            if (empty >= 0)
            {
                throw new DataFormatException(path, lineNumber, $"field {empty + 1} is empty; expected an image path");
            }

            string[] paths = Array.ConvertAll(fields, f => TextLines.ResolvePath(f, folder, path, lineNumber));
            trials.Add(new EpisodeTrial(paths[0], paths[1..], lineNumber));
        }

        return trials.Count > 0 ? trials : throw new DataFormatException(path, "holds no trials (expected lines: query<TAB>correct<TAB>other candidates...)");
    }
}
