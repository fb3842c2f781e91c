namespace Siamese.Data;

/// <summary>How the fields of a text pair file are quoted (see <see cref="TextPairFileFormat.Quoting"/>).</summary>
public enum TextPairQuoting
{
    /// <summary>
    /// No quoting: a field ends at the delimiter or at the end of the line, and a quote is text. This is how the
    /// STS Benchmark and MRPC files are written (a sentence may begin with <c>"</c>), and how tab-separated files are
    /// read unless told otherwise.
    /// </summary>
    None,

    /// <summary>
    /// RFC 4180 quoting: a field that starts with <c>"</c> runs to the matching <c>"</c> and may hold the delimiter,
    /// line breaks and doubled quotes (<c>""</c> for one <c>"</c>); a quote inside an unquoted field is text. The
    /// default for comma- and other non-tab-separated files.
    /// </summary>
    Rfc4180,
}
