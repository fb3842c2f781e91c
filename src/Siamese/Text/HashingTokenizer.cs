using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace Siamese.Text;

/// <summary>
/// A fastText-style subword tokenizer that needs no vocabulary, so unseen words still get ids: each word becomes the
/// bucket of the whole word and of each character n-gram of the word wrapped in boundary markers, "&lt;word&gt;".
/// An unseen word such as "unhappiness" thus shares most of its n-grams ("happ", "ness&gt;", ...) with seen words.
/// </summary>
/// <remarks>
/// <para>Steps, in order: NFKC (if <see cref="TokenizerSettings.Normalization"/> asks for it), accent stripping, lower-casing.</para>
/// <para>Words are maximal runs of letters, combining marks, digits and connectors such as '_' (Unicode categories L,
/// M, N and Pc, so a cloze blank "___" is a word); everything else — spaces, other punctuation, symbols, emoji —
/// separates words and is dropped, so "don't" is "don" and "t".
/// Scripts written without spaces are split per character: each Han ideograph, Hiragana and Katakana character is a
/// word of its own ("東京に行く" is five words), and the n-grams of its neighbours are not formed. Other scripts
/// without spaces (Thai, Lao, Khmer, ...) are kept as runs. Text is cut after <see cref="TokenizerSettings.MaxTokens"/> words.</para>
/// <para>N-grams are counted in Unicode code points, never splitting a surrogate pair. An n-gram equal to the whole
/// "&lt;word&gt;" is not repeated when the whole word is already included, and a word too short for any n-gram gets
/// the whole-word id even when <see cref="TokenizerSettings.IncludeWords"/> is false, so every word has at least one id.</para>
/// <para>Hash: 64-bit FNV-1a over the four little-endian bytes of <see cref="TokenizerSettings.Seed"/> followed by the
/// UTF-8 bytes of the subword; bucket = 1 + hash mod <see cref="TokenizerSettings.BucketCount"/>, so ids are in
/// [1, BucketCount] and 0 is left for padding. Ids are the same in every process and on every platform.</para>
/// </remarks>
public sealed class HashingTokenizer
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    // Subwords whose UTF-8 form may exceed this many bytes (more than 84 chars) are encoded on the heap.
    private const int StackBytes = 256;
    private static readonly Lazy<Dictionary<char, string>> NfkcMap = new(() => Unpack(UnicodeTables.Nfkc));
    private static readonly Lazy<Dictionary<char, string>> StripMap = new(() => Unpack(UnicodeTables.StripAccents));

    // The FNV-1a state after the four seed bytes: the prefix every subword's hash starts from.
    private readonly ulong seedHash;

    /// <summary>Creates a tokenizer; the settings are validated.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (see <see cref="TokenizerSettings.Validate"/>).</exception>
    public HashingTokenizer(TokenizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        Span<byte> seed = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(seed, settings.Seed);
        seedHash = Fnv1a(FnvOffsetBasis, seed);
    }

    /// <summary>The settings, validated.</summary>
    public TokenizerSettings Settings { get; }

    /// <summary>Applies normalisation, accent stripping and lower-casing as the settings ask, without splitting.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Settings.Normalization == UnicodeNormalization.Nfkc)
        {
            text = MapChars(text, NfkcMap.Value);
        }

        if (Settings.StripAccents)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var rune in MapChars(text, StripMap.Value).EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(rune.ToString());
                }
            }

            text = builder.ToString();
        }

        return Settings.Lowercase ? text.ToLowerInvariant() : text;
    }

    /// <summary>The normalised words of <paramref name="text"/>, at most <see cref="TokenizerSettings.MaxTokens"/> of them.</summary>
    public IReadOnlyList<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in Normalize(text).EnumerateRunes())
        {
            if (words.Count == Settings.MaxTokens)
            {
                return words;
            }

            if (IsOwnWord(rune))
            {
                Flush(words, current);
                if (words.Count < Settings.MaxTokens)
                {
                    words.Add(rune.ToString());
                }
            }
            else if (IsWordPart(rune))
            {
                current.Append(rune.ToString());
            }
            else
            {
                Flush(words, current);
            }
        }

        if (words.Count < Settings.MaxTokens)
        {
            Flush(words, current);
        }

        return words;
    }

    /// <summary>The bucket of one subword (a whole word is written "&lt;word&gt;"), in [1, BucketCount]; no normalisation is applied.</summary>
    public int Bucket(string subword)
    {
        ArgumentNullException.ThrowIfNull(subword);

        // Encoding.UTF8 replaces a lone surrogate with U+FFFD whether it encodes a string or a span.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(subword.Length);
        Span<byte> bytes = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(subword, bytes);
        var hash = Fnv1a(seedHash, bytes[..length]);
        return 1 + (int)(hash % (ulong)Settings.BucketCount);
    }

    /// <summary>The subwords of one (already normalised) word: "&lt;word&gt;" first if whole words are included, then the n-grams by length and position.</summary>
    public IReadOnlyList<string> Subwords(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        var bounded = "<" + word + ">";
        var starts = new List<int>();
        for (var i = 0; i < bounded.Length; i += char.IsSurrogatePair(bounded, i) ? 2 : 1)
        {
            starts.Add(i);
        }

        starts.Add(bounded.Length);
        var runes = starts.Count - 1;
        var subwords = new List<string>();
        if (Settings.IncludeWords)
        {
            subwords.Add(bounded);
        }

        for (var n = Settings.MinNgram; n <= Settings.MaxNgram && n <= runes; n++)
        {
            if (n == runes && Settings.IncludeWords)
            {
                continue;
            }

            for (var i = 0; i + n <= runes; i++)
            {
                subwords.Add(bounded[starts[i]..starts[i + n]]);
            }
        }

        if (subwords.Count == 0)
        {
            subwords.Add(bounded);
        }

        return subwords;
    }

    /// <summary>Tokenizes one text into bucket ids grouped by word. Empty or whitespace-only text gives zero words.</summary>
    public TokenizedText Tokenize(string text)
    {
        var words = SplitWords(text);
        var ids = new List<int>();
        var offsets = new int[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            offsets[w] = ids.Count;
            foreach (var subword in Subwords(words[w]))
            {
                ids.Add(Bucket(subword));
            }
        }

        return new TokenizedText([.. words], [.. ids], offsets);
    }

    /// <summary>
    /// Tokenizes texts and pads them into tensors on <paramref name="device"/> (CPU if null): ids int64 (B, W, G) padded
    /// with 0, W and G being the largest word count and ids per word in the batch (at least 1), from which
    /// <see cref="TokenizedBatch.Mask"/> derives the bool mask (B, W) of real words. See <see cref="TokenizedBatch"/>.
    /// </summary>
    public TokenizedBatch TokenizeBatch(IReadOnlyList<string> texts, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TokenizedBatch.Pad(texts.Select(Tokenize).ToArray(), device);
    }

    private static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }

    private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,

        // Connectors such as '_' join words (snake_case) and keep a blank "___" as a token of its own: the masked
        // slot in a cloze sentence is the most telling word in it.
        UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    private static bool IsOwnWord(Rune rune) => rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true, // Hiragana, Katakana
        >= 0x31F0 and <= 0x31FF => true, // Katakana phonetic extensions
        >= 0x3400 and <= 0x4DBF => true, // CJK unified ideographs extension A
        >= 0x4E00 and <= 0x9FFF => true, // CJK unified ideographs
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0xFF66 and <= 0xFF9F => true, // half-width Katakana
        >= 0x20000 and <= 0x3FFFF => true, // supplementary ideographic planes
        _ => false,
    };

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    private static string MapChars(string text, Dictionary<char, string> map)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (map.TryGetValue(text[i], out var replacement))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length + 8);
                builder.Append(replacement);
            }
            else
            {
                builder?.Append(text[i]);
            }
        }

        return builder?.ToString() ?? text;
    }

    internal static Dictionary<char, string> Unpack(string packed)
    {
        var map = new Dictionary<char, string>();
        for (var i = 0; i < packed.Length; i += 2 + packed[i + 1])
        {
            map[packed[i]] = packed.Substring(i + 2, packed[i + 1]);
        }

        return map;
    }
}
