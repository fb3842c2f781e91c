using BertOptions = Microsoft.ML.Tokenizers.BertOptions;
using BertTokenizer = Microsoft.ML.Tokenizers.BertTokenizer;
using Siamese.Pretrained;
using Siamese.Text;

namespace Siamese.Tests.Text;

/// <summary>
/// The WordPiece tokenizer against two independent references: ML.NET's BertTokenizer over the same vocabulary (for
/// cleaning, CJK, punctuation, special tokens and the WordPiece split) and CPython's unicodedata (accent stripping and
/// lower-casing, which ML.NET cannot do here: the tests run globalization-invariant, where string.Normalize leaves
/// non-ASCII text alone).
/// </summary>
public class WordPieceTokenizerTests
{
    private static readonly Lazy<IReadOnlyList<string>> Vocabulary = new(MiniLmPackage.ReadVocabulary);

    /// <summary>
    /// Texts of many kinds (plain, punctuation, accents, CJK, scripts, special tokens, long) on which ML.NET's
    /// BertTokenizer does what BERT's reference tokenizer does. Not here, because ML.NET drops or splits them where the
    /// reference does not (see the pinned tests below): ASCII symbols such as $ and =, emoji and other symbols, characters
    /// outside the Basic Multilingual Plane, tabs and line ends, format characters (U+200B), spacing combining marks, and special
    /// tokens written in lower case.
    /// </summary>
    public static readonly string[] Corpus =
    [
        "A man is playing a guitar.",
        "Hello, world!",
        "The quick brown fox jumps over the lazy dog; it wasn't amused...",
        "Don't stop-believing: e-mail me at someone@example.com or visit https://example.org/a?b.",
        "Prices rose 3.5% on 2024-05-17 at 10:30pm (up from 1.000,00 last year)",
        "Café naïve résumé Zürich façade",
        "北京欢迎你，我们一起学习自然语言处理。",
        "東京タワーは高さ333メートルです",
        "한국어 텍스트 처리",
        "no\u00a0break\u2003em space\u3000ideographic space",
        "[CLS] already here [SEP] and [MASK] and [UNK] and [PAD]",
        "ALL CAPS SHOUTING AND MiXeD cAsE",
        "supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
        new string('a', 101) + " and " + new string('b', 100),
        "Arabic: مرحبا بالعالم and Hebrew: שלום עולם",
        "Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ and ﬁ ligatures",
        "«Quoted» „text“ — dashes – and … ellipsis",
        "Ελληνικά και Русский текст",
        "",
        "   \n  ",
        "x",
        "UNwant\u00e9d,running",
        string.Join(" ", Enumerable.Repeat("sentence transformers make twin networks", 80)),
        string.Join(", ", Enumerable.Repeat("naïve café 北京", 120)),
    ];

    public static TheoryData<int> CorpusIndices() => [.. Enumerable.Range(0, Corpus.Length)];

    private static WordPieceTokenizer Ours(bool stripAccents = true) =>
        new(Vocabulary.Value, MiniLmPackage.TokenizerSettings with { StripAccents = stripAccents });

    private static BertTokenizer Reference()
    {
        using var vocabulary = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Vocabulary.Value) + "\n"));
        return BertTokenizer.Create(vocabulary, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = false,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            SplitOnSpecialTokens = true,
        });
    }

    [Theory]
    [MemberData(nameof(CorpusIndices))]
    public void Encode_KeepingAccents_EqualsMlNetsBertTokenizer(int index)
    {
        // Given a text, our tokenizer and ML.NET's over all-MiniLM-L6-v2's vocabulary, neither stripping accents
        string text = Corpus[index];

        // When both encode it (ML.NET's truncated to the same 256 ids)
        int[] ours = Ours(stripAccents: false).Encode(text);
        var reference = Reference().EncodeToIds(text, maxTokenCount: 256, addSpecialTokens: true, out _, out _);

        // Then the ids are the same
        Assert.Equal(reference, ours);
    }

    [Theory]
    [InlineData("Café naïve Ångström Zürich façade résumé", "cafe naive angstrom zurich facade resume")]
    [InlineData("Tiếng Việt có dấu", "tieng viet co dau")]
    [InlineData("한국어 텍스트", "\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165 \u1110\u1166\u11a8\u1109\u1173\u1110\u1173")]
    [InlineData("ΟΔΟΣ ΣΟΦΙΑΣ", "\u03bf\u03b4\u03bf\u03c2 \u03c3\u03bf\u03c6\u03b9\u03b1\u03c2")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ﬁancé Ｆｕｌｌ", "\ufb01ance \uff46\uff55\uff4c\uff4c")]
    public void Normalize_AccentsAndCase_EqualCPythonsNfdWithoutMarksLowered(string text, string expected)
    {
        // Expected: ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn').lower(),
        // computed with CPython 3.11 (Unicode 14.0.0): decomposed, not recomposed; final sigma where a word ends.
        Assert.Equal(expected, Ours().Normalize(text));
    }

    [Fact]
    public void Encode_KnownSentence_GivesBertsIds()
    {
        // bert-base-uncased / all-MiniLM-L6-v2 ids of "Hello, world!" and of an accented word split into pieces
        var tokenizer = Ours();

        Assert.Equal([101, 7592, 1010, 2088, 999, 102], tokenizer.Encode("Hello, world!"));
        Assert.Equal(["cafe", "naive", "resume"], tokenizer.Tokenize("Café naïve résumé"));
    }

    [Fact]
    public void Encode_LongText_KeepsClsThe254FirstPiecesAndSep()
    {
        var tokenizer = Ours();
        string text = Corpus[^2];
        Assert.True(Corpus.Count(t => Ours().Tokenize(t).Count > 254) >= 2);

        var pieces = tokenizer.Tokenize(text);
        int[] ids = tokenizer.Encode(text);

        Assert.True(pieces.Count > 300);
        Assert.Equal(256, ids.Length);
        Assert.Equal(tokenizer.ClsId, ids[0]);
        Assert.Equal(tokenizer.SepId, ids[^1]);
        Assert.Equal(pieces.Take(254).Select(p => tokenizer.Vocabulary.ToList().IndexOf(p)), ids[1..^1]);
    }

    [Fact]
    public void Encode_WordOverTheLimitOrWithoutPieces_IsOneUnknown()
    {
        var tokenizer = Ours();

        Assert.Equal(["[UNK]", "and", "b"], tokenizer.Tokenize(new string('a', 101) + " and b"));
    }

    [Theory]
    // Symbols are word characters: an emoji (with its skin tone, or a family joined by U+200D, a format character the
    // cleaning drops) is a word with no pieces, one [UNK]; so is a word of letters outside the BMP.
    [InlineData("Emoji 😀 and a family 👨‍👩‍👧 with 👍🏽!", "em ##oj ##i [UNK] and a family [UNK] with [UNK] !")]
    [InlineData("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 𠀀", "[UNK] and [UNK]")]
    // Every ASCII character that is not a letter or digit is punctuation (BERT's _is_punctuation("$") is true).
    [InlineData("to $1,234 b=c ^_^ `x` a|b", "to $ 1 , 234 b = c ^ _ ^ ` x ` a | b")]
    // Tabs and line ends are white space, as no-break and other spaces are; zero-width space, joiners, soft hyphens, marks and NUL are dropped, not split on.
    [InlineData("tab\tseparated zero\u200bwidth soft\u00adhyphen \u200e\u200f nul\u0000x", "tab separated zero ##wi ##dt ##h soft ##hy ##ph ##en nu ##l ##x")]
    [InlineData("new line\nand carriage return\r\nand", "new line and carriage return and")]
    // Special tokens are matched as written, not after lower-casing.
    [InlineData("[cls] x [SEP]", "[ cl ##s ] x [SEP]")]
    public void Tokenize_WhereMlNetDiffers_FollowsBertsRules(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" ", Ours().Tokenize(text)));
    }

    [Fact]
    public void Tokenize_TransformersOwnTestCases_GiveTheirExpectedPieces()
    {
        // The cases of transformers' tests/models/bert/test_tokenization_bert.py, with their small vocabulary ...
        var small = new WordPieceTokenizer(
            ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",", "low", "lowest"],
            new WordPieceSettings());
        Assert.Equal(["un", "##want", "##ed", ",", "runn", "##ing"], small.Tokenize("UNwant\u00E9d,running"));
        Assert.Equal(["un", "##want", "##ed", "runn", "##ing"], small.Tokenize("unwanted running"));
        Assert.Equal(["[UNK]", "runn", "##ing"], small.Tokenize("unwantedX running"));
        Assert.Empty(small.Tokenize("\u00ad"));
        Assert.Empty(small.Tokenize("\u200E\u200F"));
        Assert.Equal(["hello", "!", "how", "are", "you", "?"], small.Words(" \tHeLLo!how  \n Are yoU?  "));
        Assert.Equal(["hallo", "!", "how", "are", "you", "?"], small.Words(" \tHäLLo!how  \n Are yoU?  "));
        Assert.Equal(["a", "'", "ll", "!", "!", "to", "?", "'", "d", "of", ",", "can", "'", "t", "."], small.Words("a\n'll !!to?'d of, can't."));
        Assert.Equal(["ah", "\u535A", "\u63A8", "zz"], small.Words("ah\u535A\u63A8zz"));

        // ... and with bert-base-uncased's vocabulary, which all-MiniLM-L6-v2 shares
        var tokenizer = Ours();
        Assert.Equal([101, 18162, 1010, 2770, 102], tokenizer.Encode("UNwant\u00E9d,running"));
        Assert.Equal(
            ["[CLS]", "a", ",", "naive", "[MASK]", "allen", "##nl", "##p", "sentence", ".", "[SEP]"],
            tokenizer.Encode("A, naïve [MASK] AllenNLP sentence.").Select(id => tokenizer.Vocabulary[id]));
    }

    [Fact]
    public void Create_VocabularyWithoutUnknownOrWithATokenTwice_IsRefused()
    {
        Assert.Contains("no [UNK]", Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(["[PAD]", "[CLS]", "[SEP]", "a"], new WordPieceSettings())).Message);
        Assert.Contains("'a' twice", Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "a"], new WordPieceSettings())).Message);
        Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(Vocabulary.Value, new WordPieceSettings { MaxLength = 513 }));
    }
}
