using System.Text;
using System.Text.Json;
using Siamese.Engine;
using Siamese.Persistence;
using Siamese.Text;

namespace Siamese.Tests.Text;

[Collection(LiveTensorCollection.Name)]
public class HashingTokenizerTests
{
    private static readonly TokenizerSettings Defaults = new();

    [Fact]
    public void Bucket_KnownSubwords_MatchHardCodedFnv1aValues()
    {
        // Given the default settings (seed 0, 2^18 buckets) and values computed once, outside .NET
        var tokenizer = new HashingTokenizer(Defaults);

        // When subwords are hashed
        // Then the buckets are the recorded ones, in every process and on every platform
        Assert.Equal(37402, tokenizer.Bucket("<cat>"));
        Assert.Equal(25404, tokenizer.Bucket("<ca"));
        Assert.Equal(142264, tokenizer.Bucket("cat"));
        Assert.Equal(47610, tokenizer.Bucket("<東>"));
        Assert.Equal(198896, new HashingTokenizer(Defaults with { Seed = 42 }).Bucket("<cat>"));
        Assert.Equal(362, new HashingTokenizer(Defaults with { BucketCount = 1000 }).Bucket("<cat>"));
    }

    [Theory]
    [InlineData("q", 85, 93209, 818773)]
    [InlineData("q", 86, 210540, 835547)]
    [InlineData("q", 255, 9927, 792994)]
    [InlineData("q", 256, 116982, 350469)]
    [InlineData("q", 257, 243789, 497783)]
    [InlineData("ß", 200, 230022, 468757)]
    [InlineData("東", 100, 244414, 60149)]
    public void Bucket_LongSubwords_KeepTheIdsOfTheFirstRelease(string unit, int repeat, int expectedDefault, int expectedSeeded)
    {
        // Given subwords of 85 to 400 UTF-8 bytes and values recorded with the first implementation (which encoded
        // each subword with Encoding.UTF8.GetBytes(string))
        var subword = string.Concat(Enumerable.Repeat(unit, repeat));
        var seeded = new HashingTokenizer(Defaults with { Seed = -123456, BucketCount = 999983 });

        // When they are hashed with the default and with a negative seed
        // Then the buckets are unchanged
        Assert.Equal(expectedDefault, new HashingTokenizer(Defaults).Bucket(subword));
        Assert.Equal(expectedSeeded, seeded.Bucket(subword));
    }

    [Fact]
    public void Bucket_EmptyAndLoneSurrogates_KeepTheIdsOfTheFirstRelease()
    {
        // Given the default tokenizer, one with a negative seed, and values recorded with the first implementation
        var tokenizer = new HashingTokenizer(Defaults);
        var seeded = new HashingTokenizer(Defaults with { Seed = -123456, BucketCount = 999983 });

        // When the empty string and strings with lone surrogates are hashed
        // Then the buckets are unchanged: the seed alone, and U+FFFD for each lone surrogate
        Assert.Equal(136182, tokenizer.Bucket(""));
        Assert.Equal(35348, seeded.Bucket(""));
        Assert.Equal(211003, tokenizer.Bucket("\uD800"));
        Assert.Equal(97882, seeded.Bucket("\uD800"));
        Assert.Equal(27806, tokenizer.Bucket("a\uDC00b"));
        Assert.Equal(314373, seeded.Bucket("a\uDC00b"));
        Assert.Equal(tokenizer.Bucket("\uFFFD"), tokenizer.Bucket("\uD800"));
    }

    [Fact]
    public void Tokenize_RecordedTexts_KeepTheIdsOfTheFirstRelease()
    {
        // Given the default tokenizer and ids recorded with the first implementation
        var tokenizer = new HashingTokenizer(Defaults);

        // When texts with Latin, German, Japanese, astral-plane and very long words are tokenized
        var fox = tokenizer.Tokenize("The quick brown fox");
        var mixed = tokenizer.Tokenize("Größere Straße, 東京に");
        var astral = tokenizer.Tokenize("a\U0001D400b");
        var longWords = tokenizer.Tokenize(new string('x', 300) + " " + string.Concat(Enumerable.Repeat("ß", 200)));

        // Then ids and offsets are the recorded ones
        Assert.Equal(
            [60561, 151520, 245517, 90089, 96527, 123383, 152001, 962, 57207, 166425, 131003, 210768, 145017, 200880, 82282, 77133, 126946, 97549, 132822,
             123274, 164604, 87711, 30412, 14320, 45715, 254333, 175596, 105056, 186404, 222642, 55552, 86740, 24555, 185097, 226335, 219157, 83793, 152161],
            fox.Ids);
        Assert.Equal([0, 6, 19, 32], fox.Offsets);
        Assert.Equal(
            [164442, 31107, 224978, 223591, 24202, 166557, 7002, 51035, 170432, 108364, 225306, 91266, 140572, 167942, 172050, 201515, 1490, 159597, 73184,
             77845, 122005, 64513, 248983, 174855, 190186, 140457, 154323, 55508, 127953, 80186, 147286, 7722, 107102, 72848, 255718, 47610, 212720, 66283],
            mixed.Ids);
        Assert.Equal([0, 19, 35, 36, 37], mixed.Offsets);
        Assert.Equal([195162, 184814, 170772, 79703, 136702, 109944], astral.Ids);
        Assert.Equal(1496, longWords.Ids.Length);
        Assert.Equal(182985940L, longWords.Ids.Sum(i => (long)i));
        Assert.Equal(39840, longWords.Ids[0]);
        Assert.Equal(898, longWords.Offsets[1]);
        Assert.Equal(213504, longWords.Ids[898]);
    }

    [Theory]
    [InlineData("<happiness>", 0, 262144)]
    [InlineData("ness>", 7, 262144)]
    [InlineData("<straße>", -3, 1000)]
    [InlineData("日本語", 123456789, 17)]
    public void Bucket_AnySubword_EqualsIndependentFnv1aLoop(string subword, int seed, int buckets)
    {
        // Given a tokenizer with a seed and bucket count
        var tokenizer = new HashingTokenizer(Defaults with { Seed = seed, BucketCount = buckets });

        // When a subword is hashed
        var bucket = tokenizer.Bucket(subword);

        // Then it is 1 + FNV-1a-64(seed bytes, UTF-8 bytes) mod buckets
        Assert.Equal(ReferenceBucket(subword, seed, buckets), bucket);
    }

    [Fact]
    public void Tokenize_TwoInstances_GiveIdenticalIds()
    {
        // Given two tokenizers with equal settings
        var first = new HashingTokenizer(Defaults);
        var second = new HashingTokenizer(new TokenizerSettings());

        // When both tokenize the same text
        var a = first.Tokenize("The quick brown fox, jumps!");
        var b = second.Tokenize("The quick brown fox, jumps!");

        // Then ids and offsets agree, and match the reference hash of each subword
        Assert.Equal(a.Ids, b.Ids);
        Assert.Equal(a.Offsets, b.Offsets);
        Assert.Equal(ReferenceBucket("<the>", 0, 1 << 18), a.WordIds(0)[0]);
        Assert.Equal(new[] { "the", "quick", "brown", "fox", "jumps" }, a.Words);
    }

    [Fact]
    public void Subwords_ShortWord_ListsWholeWordThenNgramsWithoutDuplicate()
    {
        // Given the default 3..5 n-grams with whole words
        var tokenizer = new HashingTokenizer(Defaults);

        // When the subwords of "cat" are listed
        var subwords = tokenizer.Subwords("cat");

        // Then "<cat>" appears once, first, followed by the 3- and 4-grams
        Assert.Equal(new[] { "<cat>", "<ca", "cat", "at>", "<cat", "cat>" }, subwords);
    }

    [Fact]
    public void Subwords_WithoutWholeWords_StillGivesShortWordAnId()
    {
        // Given n-grams of 4..5 only, without whole words
        var tokenizer = new HashingTokenizer(Defaults with { IncludeWords = false, MinNgram = 4, MaxNgram = 5 });

        // When a one-letter word ("<a>" has 3 characters) is split
        var subwords = tokenizer.Subwords("a");

        // Then it falls back to the whole word
        Assert.Equal(new[] { "<a>" }, subwords);
    }

    [Fact]
    public void Tokenize_UnseenWord_SharesBucketsWithRelatedWord()
    {
        // Given a tokenizer and two related words
        var tokenizer = new HashingTokenizer(Defaults);

        // When both are tokenized
        var unhappiness = tokenizer.Tokenize("unhappiness").Ids.ToHashSet();
        var happiness = tokenizer.Tokenize("happiness").Ids.ToHashSet();
        var table = tokenizer.Tokenize("table").Ids.ToHashSet();

        // Then they share many n-gram buckets ("happ", "ness>", ...) but not the whole-word bucket; an unrelated word shares none
        var shared = unhappiness.Intersect(happiness).ToArray();
        Assert.True(shared.Length >= 15, $"only {shared.Length} shared buckets");
        Assert.Contains(tokenizer.Bucket("ness>"), shared);
        Assert.DoesNotContain(tokenizer.Bucket("<happiness>"), unhappiness);
        Assert.Empty(table.Intersect(happiness));
    }

    [Fact]
    public void Tokenize_LongWord_ProducesAllNgramsInRange()
    {
        // Given a tokenizer without whole words
        var tokenizer = new HashingTokenizer(Defaults with { IncludeWords = false });

        // When a 9-letter word is tokenized ("<happiness>" has 11 characters)
        var text = tokenizer.Tokenize("happiness");

        // Then it has 9 trigrams + 8 four-grams + 7 five-grams, all in [1, BucketCount]
        Assert.Equal(24, text.Ids.Length);
        Assert.All(text.Ids, id => Assert.InRange(id, 1, Defaults.BucketCount));
    }

    [Fact]
    public void Normalize_NfkcAndLowercase_FoldsFullWidthAndCase()
    {
        // Given default settings (NFKC, lower-case) and a tokenizer with neither
        var folding = new HashingTokenizer(Defaults);
        var raw = new HashingTokenizer(Defaults with { Normalization = UnicodeNormalization.None, Lowercase = false });

        // When a full-width capital C, a ligature and a circled digit are normalised
        // Then NFKC maps them to plain characters and lower-casing follows; nothing changes without them
        Assert.Equal("café ﬁ ①", raw.Normalize("café ﬁ ①"));
        Assert.Equal("café fi 1", folding.Normalize("Ｃafé ﬁ ①"));
        Assert.Equal("Ｃafé", raw.Normalize("Ｃafé"));
        Assert.Equal(folding.Tokenize("café").Ids, folding.Tokenize("Ｃafé").Ids);
        Assert.NotEqual(raw.Tokenize("café").Ids, raw.Tokenize("Ｃafé").Ids);
    }

    [Fact]
    public void Normalize_UpperCaseGreekAndGerman_LowerCasesWithoutCulture()
    {
        // Given default settings
        var tokenizer = new HashingTokenizer(Defaults);

        // When upper-case non-ASCII text is normalised
        // Then it is lower-cased with invariant simple case mapping (no final-sigma rule, ß unchanged)
        Assert.Equal("äöü σασ straße", tokenizer.Normalize("ÄÖÜ ΣΑΣ Straße"));
    }

    [Fact]
    public void Normalize_StripAccents_RemovesPrecomposedAndCombiningMarks()
    {
        // Given accent stripping on
        var stripping = new HashingTokenizer(Defaults with { StripAccents = true });
        var keeping = new HashingTokenizer(Defaults);

        // When accented text, precomposed and with a combining acute accent, is normalised
        // Then the marks are gone only when asked; letters that are not accented (ß, ø) stay
        Assert.Equal("cafe naive resume ßø", stripping.Normalize("Café naïve re\u0301sumé ßø"));
        Assert.Equal("café naïve re\u0301sumé ßø", keeping.Normalize("Café naïve re\u0301sumé ßø"));
        Assert.Equal(new[] { "resume" }, stripping.SplitWords("re\u0301sume\u0301"));
    }

    [Fact]
    public void Tokenize_MoreWordsThanMaxTokens_KeepsTheFirstOnes()
    {
        // Given at most 3 words
        var tokenizer = new HashingTokenizer(Defaults with { MaxTokens = 3 });

        // When a five-word text is tokenized
        var text = tokenizer.Tokenize("one two three four five");

        // Then only the first three are kept, with the same ids as without truncation
        Assert.Equal(3, text.WordCount);
        Assert.Equal(new[] { "one", "two", "three" }, text.Words);
        var full = new HashingTokenizer(Defaults).Tokenize("one two three");
        Assert.Equal(full.Ids, text.Ids);
        Assert.Equal(full.Offsets, text.Offsets);
    }

    [Fact]
    public void Tokenize_MaxTokensReachedByCjkCharacters_StopsThere()
    {
        // Given at most 2 words
        var tokenizer = new HashingTokenizer(Defaults with { MaxTokens = 2 });

        // When a run of ideographs is split
        // Then two characters are kept
        Assert.Equal(new[] { "東", "京" }, tokenizer.SplitWords("東京都"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("?! ... —")]
    public void Tokenize_EmptyOrWhitespaceOrPunctuation_GivesZeroWords(string input)
    {
        // Given a tokenizer
        var tokenizer = new HashingTokenizer(Defaults);

        // When text without letters or digits is tokenized
        var text = tokenizer.Tokenize(input);

        // Then it has no words and no ids
        Assert.Equal(0, text.WordCount);
        Assert.Empty(text.Ids);
        Assert.Empty(text.Offsets);
    }

    [Fact]
    public void SplitWords_PunctuationAndDigits_DropsPunctuationKeepsAlphanumericRuns()
    {
        // Given a tokenizer
        var tokenizer = new HashingTokenizer(Defaults);

        // When text with punctuation, digits and an apostrophe is split
        var words = tokenizer.SplitWords("Hello, world! Don't stop: R2D2 costs 3.50€.");

        // Then punctuation and symbols separate words and are dropped
        Assert.Equal(new[] { "hello", "world", "don", "t", "stop", "r2d2", "costs", "3", "50" }, words);
    }

    [Fact]
    public void SplitWords_German_KeepsUmlautsAndEszettInWords()
    {
        // Given a tokenizer
        var tokenizer = new HashingTokenizer(Defaults);

        // When German text is split
        var words = tokenizer.SplitWords("Größere Übungsstraße, für Äpfel.");

        // Then words are whole, lower-cased, with their non-ASCII letters
        Assert.Equal(new[] { "größere", "übungsstraße", "für", "äpfel" }, words);
    }

    [Fact]
    public void SplitWords_Japanese_EachKanaAndKanjiIsAWordLatinRunsStayWhole()
    {
        // Given a tokenizer
        var tokenizer = new HashingTokenizer(Defaults);

        // When mixed Japanese and Latin text, with half-width katakana, is split
        var words = tokenizer.SplitWords("東京に行きました。Tokyo ｶﾀ");

        // Then every kanji and kana is its own word (half-width kana become full-width by NFKC)
        Assert.Equal(new[] { "東", "京", "に", "行", "き", "ま", "し", "た", "tokyo", "カ", "タ" }, words);
    }

    [Fact]
    public void Tokenize_Japanese_EachCharacterHasItsWholeWordBucket()
    {
        // Given a tokenizer
        var tokenizer = new HashingTokenizer(Defaults);

        // When one ideograph is tokenized
        var text = tokenizer.Tokenize("東");

        // Then its only subword is "<東>" (the 3-gram equal to the whole word is not repeated)
        Assert.Equal(new[] { 47610 }, text.Ids);
    }

    [Fact]
    public void Tokenize_NonBmpCharacters_NgramsDoNotSplitSurrogatePairs()
    {
        // Given a tokenizer without whole words
        var tokenizer = new HashingTokenizer(Defaults with { IncludeWords = false, MinNgram = 3, MaxNgram = 3 });

        // When a word containing a mathematical letter outside the BMP is split into trigrams
        var subwords = tokenizer.Subwords("a\U0001D400b");

        // Then each trigram holds three code points
        Assert.Equal(new[] { "<a\U0001D400", "a\U0001D400b", "\U0001D400b>" }, subwords);
    }

    [Fact]
    public void TokenizeBatch_TextsOfDifferentLengths_PadsIdsAndMasksRealWords()
    {
        // Given three texts: two words, one word, empty
        TorchEngine.EnsureInitialized();
        var tokenizer = new HashingTokenizer(Defaults);
        string[] texts = ["hello world", "a", ""];

        // When they are batched
        using var batch = tokenizer.TokenizeBatch(texts);

        // Then ids are (3, 2, G) with G the most ids of one word, the mask marks real words, padding is 0
        var hello = tokenizer.Tokenize("hello world");
        var depth = Math.Max(hello.WordIds(0).Length, hello.WordIds(1).Length);
        Assert.Equal(new long[] { 3, 2, depth }, batch.Ids.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, batch.Ids.dtype);
        using var mask = batch.Mask();
        Assert.Equal(TorchSharp.torch.ScalarType.Bool, mask.dtype);
        Assert.Equal(new[] { true, true, true, false, false, false }, mask.data<bool>().ToArray());
        var ids = batch.Ids.data<long>().ToArray();
        for (var w = 0; w < 2; w++)
        {
            var expected = hello.WordIds(w).ToArray().Select(i => (long)i).Concat(Enumerable.Repeat(0L, depth - hello.WordIds(w).Length));
            Assert.Equal(expected, ids.Skip(w * depth).Take(depth));
        }

        var a = tokenizer.Tokenize("a").Ids;
        Assert.Equal(a.Select(i => (long)i), ids.Skip(2 * depth).Take(a.Length));
        Assert.All(ids.Skip((2 * depth) + a.Length), id => Assert.Equal(0L, id));
        Assert.Equal(3, batch.Texts.Count);
    }

    [Fact]
    public void TokenizeBatch_AllEmpty_GivesOneByOnePaddingAndFalseMask()
    {
        // Given only empty texts
        TorchEngine.EnsureInitialized();
        var tokenizer = new HashingTokenizer(Defaults);

        // When they are batched
        using var batch = tokenizer.TokenizeBatch(["", " "]);

        // Then the shapes stay usable and nothing is marked real
        Assert.Equal(new long[] { 2, 1, 1 }, batch.Ids.shape);
        using var mask = batch.Mask();
        Assert.Equal(new long[] { 2, 1 }, mask.shape);
        Assert.False(mask.any().item<bool>());
        Assert.Equal(0L, batch.Ids.sum().item<long>());
    }

    [Fact]
    public void TokenizeBatch_Disposed_LeavesNoLiveTensors()
    {
        // Given the live tensor count before batching
        TorchEngine.EnsureInitialized();
        var tokenizer = new HashingTokenizer(Defaults);
        long before = TorchEngine.LiveTensorCount;

        // When a batch is made and disposed
        tokenizer.TokenizeBatch(["one two", "three"]).Dispose();

        // Then no tensor is left behind
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }

    [Fact]
    public void Mask_Disposed_LeavesNoLiveTensors()
    {
        // Given a batch and the live tensor count once it is made
        TorchEngine.EnsureInitialized();
        var tokenizer = new HashingTokenizer(Defaults);
        using var batch = tokenizer.TokenizeBatch(["one two", "three"]);
        long before = TorchEngine.LiveTensorCount;

        // When its mask is derived and disposed
        batch.Mask().Dispose();

        // Then the intermediate tensors went with it
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }

    [Fact]
    public void Settings_JsonRoundTrip_KeepsEverySetting()
    {
        // Given non-default settings
        var settings = new TokenizerSettings
        {
            Lowercase = false,
            Normalization = UnicodeNormalization.None,
            StripAccents = true,
            MaxTokens = 10,
            MinNgram = 2,
            MaxNgram = 4,
            BucketCount = 1000,
            IncludeWords = false,
            Seed = -7,
        };

        // When they go through the model bundle's JSON settings
        var json = JsonSerializer.Serialize(settings, ModelBundle.JsonOptions);
        var back = JsonSerializer.Deserialize<TokenizerSettings>(json, ModelBundle.JsonOptions);

        // Then nothing is lost, names are camel-case and the enum is a kebab-case string
        Assert.Equal(settings, back);
        Assert.Contains("\"normalization\": \"none\"", json);
        Assert.Contains("\"bucketCount\": 1000", json);
        Assert.DoesNotContain("vocabularySize", json);
    }

    [Fact]
    public void Settings_JsonWithOnlySomeFields_UsesDefaultsForTheRest()
    {
        // Given JSON naming only the normalisation
        const string json = "{ \"normalization\": \"nfkc\", \"maxTokens\": 8 }";

        // When it is read
        var settings = JsonSerializer.Deserialize<TokenizerSettings>(json, ModelBundle.JsonOptions)!;

        // Then the other settings have their documented defaults
        Assert.Equal(Defaults with { MaxTokens = 8 }, settings);
        Assert.True(settings.Lowercase);
        Assert.Equal(3, settings.MinNgram);
        Assert.Equal(5, settings.MaxNgram);
        Assert.Equal(262144, settings.BucketCount);
        Assert.Equal(262145, settings.VocabularySize);
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSettings_ThrowsNamingTheSetting(TokenizerSettings settings, string expected)
    {
        // Given invalid settings
        // When they are validated, directly or by the tokenizer
        var direct = Assert.Throws<ArgumentException>(settings.Validate);
        var viaTokenizer = Assert.Throws<ArgumentException>(() => new HashingTokenizer(settings));

        // Then the message names the setting
        Assert.Contains(expected, direct.Message);
        Assert.Equal(direct.Message, viaTokenizer.Message);
    }

    public static TheoryData<TokenizerSettings, string> InvalidSettings() => new()
    {
        { new TokenizerSettings { MaxTokens = 0 }, "max tokens" },
        { new TokenizerSettings { MinNgram = 0 }, "min n-gram" },
        { new TokenizerSettings { MinNgram = 5, MaxNgram = 4 }, "max n-gram (4) must be at least min n-gram (5)" },
        { new TokenizerSettings { MaxNgram = 33 }, "at most 32" },
        { new TokenizerSettings { BucketCount = 0 }, "bucket count" },
        { new TokenizerSettings { BucketCount = int.MaxValue }, "bucket count" },
        { new TokenizerSettings { Normalization = (UnicodeNormalization)9 }, "normalization" },
    };

    [Fact]
    public void Validate_DefaultSettings_DoesNotThrow()
    {
        // Given the defaults
        // When they are validated
        // Then nothing is thrown
        Defaults.Validate();
    }

    private static int ReferenceBucket(string subword, int seed, int buckets)
    {
        ulong hash = 0xCBF29CE484222325;
        var bytes = BitConverter.GetBytes(seed);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        foreach (var b in bytes.Concat(Encoding.UTF8.GetBytes(subword)))
        {
            hash = unchecked((hash ^ b) * 0x100000001B3);
        }

        return (int)(1 + (hash % (ulong)buckets));
    }
}
