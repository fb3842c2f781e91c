namespace Siamese.Text;

/// <summary>
/// How a <see cref="WordPieceTokenizer"/> splits text, as BERT's uncased tokenizers do (the defaults are those of
/// all-MiniLM-L6-v2 and bert-base-uncased).
/// </summary>
public sealed record WordPieceSettings
{
    /// <summary>Largest <see cref="MaxLength"/> accepted: BERT's position table has 512 rows.</summary>
    public const int MaxSupportedLength = 512;

    /// <summary>Whether text is lower-cased (and then, unless <see cref="StripAccents"/> says otherwise, stripped of accents).</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Whether accents (non-spacing marks of the canonical decomposition) are removed; null: when <see cref="Lowercase"/>.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Whether each CJK ideograph becomes a word of its own.</summary>
    public bool TokenizeCjk { get; init; } = true;

    /// <summary>Most ids of an encoded text, [CLS] and [SEP] included; longer texts are truncated (all-MiniLM-L6-v2: 256).</summary>
    public int MaxLength { get; init; } = 256;

    /// <summary>A word longer than this many characters becomes [UNK] whole.</summary>
    public int MaxCharsPerWord { get; init; } = 100;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A length out of range.</exception>
    public void Validate()
    {
        if (MaxLength is < 3 or > MaxSupportedLength)
        {
            throw new ArgumentException($"the maximum length must be from 3 to {MaxSupportedLength} ids, not {MaxLength}");
        }

        if (MaxCharsPerWord < 1)
        {
            throw new ArgumentException($"the longest word must be at least 1 character, not {MaxCharsPerWord}");
        }
    }
}
