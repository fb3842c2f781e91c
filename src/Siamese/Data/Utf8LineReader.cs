using System.Globalization;
using System.Text;

namespace Siamese.Data;

/// <summary>
/// Reads a file as strict UTF-8, one physical line at a time, so that invalid bytes are reported on their own line
/// (neither a '\n' nor a '\r' byte occurs inside a multi-byte UTF-8 sequence, so lines can be split before decoding).
/// Lines end at LF, CRLF or a lone CR, as <see cref="TextReader.ReadLine"/> reads them. A leading byte-order mark is
/// dropped; a line longer than the limit is an error before it is read whole into memory.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly string path;
    private readonly int maxLength;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private byte[] line = new byte[1024];
    private int lineLength;

    private Utf8LineReader(Stream stream, string path, int maxLength)
    {
        this.stream = stream;
        this.path = path;
        this.maxLength = maxLength;
    }

    /// <summary>The 1-based number of the line last read; 0 before the first.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens <paramref name="path"/>; a missing file or a folder is a <see cref="DataFormatException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should be, for the message when it is a folder.</param>
    /// <param name="maxLength">The longest line accepted, in characters.</param>
    public static Utf8LineReader Open(string path, string expected, int maxLength) =>
        new(TextLines.OpenFile(path, expected), path, maxLength);

    /// <summary>Reads the next line without its terminator; a line ends at LF, CRLF or a lone CR (old Mac line ends).</summary>
    /// <param name="text">The line's text.</param>
    /// <param name="terminator">"\n", "\r\n", "\r", or "" for a last line without one.</param>
    /// <returns>False at the end of the file.</returns>
    public bool TryRead(out string text, out string terminator)
    {
        lineLength = 0;
        terminator = "";
        bool any = false;
        while (terminator.Length == 0)
        {
            if (start == end && !Fill())
            {
                if (!any)
                {
                    text = "";
                    return false;
                }

                break;
            }

            any = true;
            int stop = buffer.AsSpan(start, end - start).IndexOfAny((byte)'\n', (byte)'\r');
            Append(stop < 0 ? end - start : stop);
            if (stop < 0)
            {
                start = end;
                continue;
            }

            bool carriageReturn = buffer[start + stop] == (byte)'\r';
            start += stop + 1;
            terminator = carriageReturn ? "\r" : "\n";

            // A CR at the end of the buffer may be the first half of a CRLF: look at the next byte.
            if (carriageReturn && (start < end || Fill()) && buffer[start] == (byte)'\n')
            {
                start++;
                terminator = "\r\n";
            }
        }

        LineNumber++;
        int offset = LineNumber == 1 && line.AsSpan(0, lineLength).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            text = Strict.GetString(line, offset, lineLength - offset);
        }
        catch (DecoderFallbackException ex)
        {
            string bytes = ex.BytesUnknown is { Length: > 0 } unknown
                ? string.Join(" ", unknown.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)))
                : "unknown bytes";
            throw new DataFormatException(path, LineNumber, $"expected UTF-8 text, found invalid bytes ({bytes}); save the file as UTF-8");
        }

        if (text.Length > maxLength)
        {
            throw TooLong();
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();

    private bool Fill()
    {
        try
        {
            start = 0;
            end = stream.Read(buffer, 0, buffer.Length);
            return end > 0;
        }
        catch (IOException ex)
        {
            throw TextLines.CannotRead(path, ex);
        }
    }

    private void Append(int count)
    {
        // A UTF-8 character takes at most 4 bytes, so more bytes than this cannot fit in maxLength characters.
        long limit = 4L * maxLength + 4;
        if (lineLength + count > limit)
        {
            LineNumber++;
            throw TooLong();
        }

        if (lineLength + count > line.Length)
        {
            Array.Resize(ref line, (int)Math.Min(limit, Math.Max(2L * line.Length, lineLength + count)));
        }

        Array.Copy(buffer, start, line, lineLength, count);
        lineLength += count;
    }

    private DataFormatException TooLong() =>
        new(path, LineNumber, $"the line is longer than {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters (the longest line accepted)");
}
