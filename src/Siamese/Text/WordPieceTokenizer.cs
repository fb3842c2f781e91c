using System.Globalization;
using System.Text;

namespace Siamese.Text;

/// <summary>
/// BERT's WordPiece tokenizer over a fixed vocabulary, as the fast (Rust) tokenizer of sentence-transformers models
/// such as all-MiniLM-L6-v2 applies it: special tokens written in the text are kept whole; the rest is cleaned
/// (control characters dropped, white space made plain spaces), each CJK ideograph set apart, stripped of accents and
/// lower-cased, split on white space and punctuation (each punctuation character its own word), and each word split
/// greedily into the longest pieces of the vocabulary ("##" marks a piece that continues a word), a word with no such
/// split or longer than <see cref="WordPieceSettings.MaxCharsPerWord"/> becoming [UNK]. Encoded texts are
/// [CLS] pieces [SEP], truncated to <see cref="WordPieceSettings.MaxLength"/> ids. Works in globalization-invariant
/// mode: decompositions come from built-in tables (Basic Multilingual Plane; Hangul by rule).
/// </summary>
public sealed class WordPieceTokenizer
{
    private const string ContinuationPrefix = "##";
    private static readonly Lazy<Dictionary<char, string>> StripMap = new(() => HashingTokenizer.Unpack(UnicodeTables.BertStripAccents));
    private readonly Dictionary<string, int> ids;
    private readonly string[] specials;

    /// <summary>Creates a tokenizer over <paramref name="vocabulary"/> (a token per id, id 0 first, as vocab.txt lists them).</summary>
    /// <exception cref="ArgumentException">Invalid settings, a token listed twice, or [PAD], [UNK], [CLS] or [SEP] missing.</exception>
    public WordPieceTokenizer(IReadOnlyList<string> vocabulary, WordPieceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        Vocabulary = vocabulary;
        ids = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            if (!ids.TryAdd(vocabulary[i], i))
            {
                throw new ArgumentException($"the vocabulary lists '{vocabulary[i]}' twice (ids {ids[vocabulary[i]]} and {i})");
            }
        }

        PadId = Required("[PAD]");
        UnknownId = Required("[UNK]");
        ClsId = Required("[CLS]");
        SepId = Required("[SEP]");
        specials = [.. new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Where(ids.ContainsKey)];

        int Required(string token) => ids.TryGetValue(token, out int id)
            ? id
            : throw new ArgumentException($"the vocabulary has no {token} token");
    }

    /// <summary>The settings, validated.</summary>
    public WordPieceSettings Settings { get; }

    /// <summary>The tokens by id.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Id of [PAD], which pads a batch (and which the encoder masks out).</summary>
    public int PadId { get; }

    /// <summary>Id of [UNK].</summary>
    public int UnknownId { get; }

    /// <summary>Id of [CLS], first of every encoded text.</summary>
    public int ClsId { get; }

    /// <summary>Id of [SEP], last of every encoded text.</summary>
    public int SepId { get; }

    /// <summary>Reads a vocab.txt: one token per line, UTF-8, the line number (from 0) its id.</summary>
    public static IReadOnlyList<string> ReadVocabulary(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var tokens = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        return tokens;
    }

    /// <summary>The ids of <paramref name="text"/>: [CLS], its pieces (the first <see cref="WordPieceSettings.MaxLength"/> − 2), [SEP].</summary>
    public int[] Encode(string text)
    {
        var pieces = Tokenize(text);
        int kept = Math.Min(pieces.Count, Settings.MaxLength - 2);
        var result = new int[kept + 2];
        result[0] = ClsId;
        for (int i = 0; i < kept; i++)
        {
            result[i + 1] = ids[pieces[i]];
        }

        result[^1] = SepId;
        return result;
    }

    /// <summary>The vocabulary pieces of <paramref name="text"/>, untruncated and without [CLS] and [SEP].</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            var (at, special) = NextSpecial(text, start);
            foreach (var word in Words(text[start..at]))
            {
                AddPieces(word, pieces);
            }

            if (special is null)
            {
                break;
            }

            pieces.Add(special);
            start = at + special.Length;
        }

        return pieces;
    }

    /// <summary>The words of a stretch of text without special tokens: normalised, split on white space and punctuation.</summary>
    public IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in Normalize(text).EnumerateRunes())
        {
            if (IsWhitespace(rune))
            {
                Flush();
            }
            else if (IsPunctuation(rune))
            {
                Flush();
                words.Add(rune.ToString());
            }
            else
            {
                current.Append(rune.ToString());
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>Cleans, sets CJK ideographs apart, strips accents and lower-cases, as the settings ask.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (Settings.TokenizeCjk && IsCjk(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        string result = cleaned.ToString();
        if (Settings.StripAccents ?? Settings.Lowercase)
        {
            result = StripAccentMarks(result);
        }

        return Settings.Lowercase ? Lower(result) : result;
    }

    private (int At, string? Special) NextSpecial(string text, int start)
    {
        int best = text.Length;
        string? found = null;
        foreach (var special in specials)
        {
            int at = text.IndexOf(special, start, StringComparison.Ordinal);
            if (at >= 0 && at < best)
            {
                (best, found) = (at, special);
            }
        }

        return (best, found);
    }

    private void AddPieces(string word, List<string> pieces)
    {
        // Piece boundaries fall between characters (Unicode scalar values), never inside a surrogate pair.
        var bounds = new List<int>();
        for (int i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
        {
            bounds.Add(i);
        }

        bounds.Add(word.Length);
        if (bounds.Count - 1 > Settings.MaxCharsPerWord)
        {
            pieces.Add(Vocabulary[UnknownId]);
            return;
        }

        var found = new List<string>();
        int start = 0;
        while (start < bounds.Count - 1)
        {
            string? piece = null;
            int end = bounds.Count - 1;
            for (; end > start; end--)
            {
                string candidate = word[bounds[start]..bounds[end]];
                if (start > 0)
                {
                    candidate = ContinuationPrefix + candidate;
                }

                if (ids.ContainsKey(candidate))
                {
                    piece = candidate;
                    break;
                }
            }

            if (piece is null)
            {
                pieces.Add(Vocabulary[UnknownId]);
                return;
            }

            found.Add(piece);
            start = end;
        }

        pieces.AddRange(found);
    }

    /// <summary>NFD without recomposition, non-spacing marks dropped (Hangul syllables decomposed into their jamo by rule).</summary>
    private static string StripAccentMarks(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            int value = rune.Value;
            if (value is >= 0xAC00 and <= 0xD7A3)
            {
                int index = value - 0xAC00;
                builder.Append((char)(0x1100 + (index / 588))).Append((char)(0x1161 + (index % 588 / 28)));
                if (index % 28 != 0)
                {
                    builder.Append((char)(0x11A7 + (index % 28)));
                }

                continue;
            }

            string mapped = rune.IsBmp && StripMap.Value.TryGetValue((char)value, out var stripped) ? stripped : rune.ToString();
            foreach (var part in mapped.EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(part.ToString());
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower-cases as Unicode's full mapping does for these texts: each character by itself, a capital sigma that ends a word as final sigma.</summary>
    private static string Lower(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < runes.Length; i++)
        {
            if (runes[i].Value == 0x03A3 && FinalSigma(runes, i))
            {
                builder.Append('\u03C2');
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(runes[i]).ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Unicode's Final_Sigma context: a cased letter before (case-ignorable ones skipped) and none after.</summary>
    private static bool FinalSigma(Rune[] runes, int at)
    {
        static bool Cased(Rune r) => Rune.IsLetter(r) && (Rune.IsUpper(r) || Rune.IsLower(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.TitlecaseLetter);
        static bool Ignorable(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol || r.Value is '\'' or '.' or ':' or 0x00B7 or 0x2019;
        int before = at - 1;
        while (before >= 0 && Ignorable(runes[before]))
        {
            before--;
        }

        int after = at + 1;
        while (after < runes.Length && Ignorable(runes[after]))
        {
            after++;
        }

        return before >= 0 && Cased(runes[before]) && !(after < runes.Length && Cased(runes[after]));
    }

    private static bool IsWhitespace(Rune rune) => rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.IsWhiteSpace(rune);

    private static bool IsControl(Rune rune) => rune.Value is not ('\t' or '\n' or '\r')
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;

    private static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsCjk(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
