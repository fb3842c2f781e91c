using System.Globalization;
using System.Text;

namespace Siamese.Data;

/// <summary>
/// Makes text from a file, or a file's name, safe to show in a one-line error message: control characters (and the
/// characters that reorder or break lines on a terminal) are escaped as <c>\0</c>, <c>\t</c>, <c>\n</c>, <c>\r</c> or
/// <c>\uXXXX</c>, and the text is bounded, so that a hostile file cannot flood or rewrite the terminal. The one place
/// readers turn content into message text.
/// </summary>
internal static class MessageText
{
    /// <summary>The most characters of file content shown, before the ellipsis.</summary>
    public const int MaxContentLength = 60;

    /// <summary>The most characters of a file name shown; longer names keep their start and their end.</summary>
    public const int MaxFileNameLength = 240;

    private const string Ellipsis = "...";

    // The end of a file name (the name itself) tells more than its start.
    private const int FileNameHead = 77;

    /// <summary><paramref name="content"/> escaped, bounded and in single quotes, e.g. <c>'maybe'</c> or <c>'\0\0\0...'</c>.</summary>
    public static string Quote(string content) => $"'{Excerpt(content)}'";

    /// <summary>
    /// <paramref name="content"/> escaped and cut after <see cref="MaxContentLength"/> characters with an ellipsis;
    /// no quotes (for values that are shown bare, such as numbers).
    /// </summary>
    public static string Excerpt(string content) => Excerpt(content, MaxContentLength);

    /// <summary><paramref name="content"/> escaped and cut after <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public static string Excerpt(string content, int maxLength)
    {
        var text = new StringBuilder();
        foreach (string piece in Pieces(content))
        {
            if (text.Length + piece.Length > maxLength)
            {
                return text.Append(Ellipsis).ToString();
            }

            text.Append(piece);
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="path"/> escaped; when longer than <see cref="MaxFileNameLength"/>, its start and end around an
    /// ellipsis.
    /// </summary>
    public static string FileName(string path)
    {
        List<string> pieces = [.. Pieces(path)];
        if (pieces.Sum(p => p.Length) <= MaxFileNameLength)
        {
            return string.Concat(pieces);
        }

        var head = new StringBuilder();
        foreach (string piece in pieces)
        {
            if (head.Length + piece.Length > FileNameHead)
            {
                break;
            }

            head.Append(piece);
        }

        int tailRoom = MaxFileNameLength - FileNameHead - Ellipsis.Length;
        var tail = new List<string>();
        int tailLength = 0;
        for (int i = pieces.Count - 1; i >= 0 && tailLength + pieces[i].Length <= tailRoom; i--)
        {
            tail.Add(pieces[i]);
            tailLength += pieces[i].Length;
        }

        tail.Reverse();
        return head.Append(Ellipsis).Append(string.Concat(tail)).ToString();
    }

    /// <summary>Each character (a surrogate pair as one) as it is shown: itself, or its escape.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                yield return text.Substring(i++, 2);
            }
            else
            {
                yield return c switch
                {
                    '\0' => "\\0",
                    '\t' => "\\t",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    _ when MustEscape(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                };
            }
        }
    }

    /// <summary>
    /// Control characters, lone surrogates, line and paragraph separators, and the bidirectional embeddings,
    /// overrides, isolates and marks that make a terminal show text in another order than it is.
    /// </summary>
    private static bool MustEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
