using System.Globalization;
using System.Text;

namespace Siamese.Data;

/// <summary>
/// Reads and writes pair lists: UTF-8 text files naming pairs of images and whether they match, one pair per line:
/// <code>
/// # comment lines start with '#'; empty lines are skipped
/// faces/anna_1.png&#9;faces/anna_2.png&#9;same
/// faces/anna_1.png&#9;faces/boris_1.png&#9;different
/// </code>
/// Fields are separated by tabs; a line without a tab may use commas instead (then the paths cannot contain commas).
/// Spaces around fields are ignored. The label is <c>same</c> or <c>genuine</c> for a matching pair and
/// <c>different</c> or <c>impostor</c> for a non-matching one, in any letter case. Numeric labels such as 0 and 1
/// are rejected because papers disagree on whether 1 means same or different. Relative paths are relative to the
/// folder of the pair file, not to the working directory. Lines end at LF, CRLF or CR. The image files themselves
/// are not checked here.
/// </summary>
public static class PairListFile
{
    /// <summary>The longest line accepted, in characters.</summary>
    public const int MaxLength = TextLines.MaxLineLength;

    private const string Labels = "same, different, genuine or impostor";

    /// <summary>Reads the pairs of <paramref name="path"/> in file order, with absolute paths.</summary>
    /// <returns>The pairs; empty when the file has no pair lines.</returns>
    /// <exception cref="DataFormatException">
    /// The file is missing or unreadable, is not valid UTF-8, or a line is longer than <see cref="MaxLength"/>
    /// characters, does not have three fields, has an empty path, or has a label other than same, different, genuine
    /// or impostor. The message names the file and the line.
    /// </exception>
    public static IReadOnlyList<PairListEntry> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = TextLines.FolderOf(path);
        var entries = new List<PairListEntry>();
        foreach (var (lineNumber, line) in TextLines.Content(path, "a pair list file", MaxLength))
        {
            bool tabs = line.Contains('\t', StringComparison.Ordinal);
            string[] fields = line.Split(tabs ? '\t' : ',');
            if (fields.Length != 3)
            {
                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"expected 3 {(tabs ? "tab" : "comma")}-separated fields (left path, right path, label), found {fields.Length}");
            }

            string left = Resolve(fields[0], "left", folder, path, lineNumber);
            string right = Resolve(fields[1], "right", folder, path, lineNumber);
            bool isSame = ParseLabel(fields[2].Trim(), path, lineNumber);
            entries.Add(new PairListEntry(left, right, isSame, lineNumber));
        }

        return entries;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> as a tab-separated pair list with the labels <c>same</c> and
    /// <c>different</c>, paths relative to the folder of <paramref name="path"/> (relative entry paths are taken
    /// relative to the working directory first), so that <see cref="Read"/> gives back the same absolute paths.
    /// The file is replaced atomically.
    /// </summary>
    /// <exception cref="ArgumentException">A path is empty, contains a tab or a line break, or starts or ends with white space.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void Write(string path, IEnumerable<PairListEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(entries);
        string folder = TextLines.FolderOf(path);
        var text = new StringBuilder();
        text.Append("# left\tright\tlabel (same or different); paths are relative to this file's folder\n");
        foreach (PairListEntry entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            text.Append(Relative(entry.LeftPath, folder)).Append('\t')
                .Append(Relative(entry.RightPath, folder)).Append('\t')
                .Append(entry.IsSame ? "same" : "different").Append('\n');
        }

        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private static string Resolve(string field, string side, string folder, string path, int lineNumber)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            throw new DataFormatException(path, lineNumber, $"expected the {side} image path, found an empty field");
        }

        return TextLines.ResolvePath(field, folder, path, lineNumber);
    }

    private static bool ParseLabel(string label, string path, int lineNumber)
    {
        switch (label.ToLowerInvariant())
        {
            case "same":
            case "genuine":
                return true;
            case "different":
            case "impostor":
                return false;
        }

        if (double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new DataFormatException(
                path,
                lineNumber,
                $"label {MessageText.Quote(label)} is ambiguous (papers disagree on whether {MessageText.Excerpt(label)} means same or different); write 'same' or 'different'");
        }

        string found = label.Length == 0 ? "an empty label" : MessageText.Quote(label);
        throw new DataFormatException(path, lineNumber, $"unknown label {found}; expected {Labels}");
    }

    private static string Relative(string imagePath, string folder)
    {
        if (string.IsNullOrEmpty(imagePath) || imagePath.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0
            || imagePath.Trim().Length != imagePath.Length)
        {
            throw new ArgumentException(
                $"image path '{imagePath}' cannot be written to a pair list: it is empty, contains a tab or line break, or starts or ends with white space",
                "entries");
        }

        string relative = Path.GetRelativePath(folder, Path.GetFullPath(imagePath));

        // A line that starts with '#' would be read back as a comment.
        return relative.StartsWith('#') ? $".{Path.DirectorySeparatorChar}{relative}" : relative;
    }
}
