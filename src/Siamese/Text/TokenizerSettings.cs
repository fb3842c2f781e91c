using System.Text.Json.Serialization;

namespace Siamese.Text;

/// <summary>
/// Settings of a <see cref="HashingTokenizer"/>: normalisation, word limit, the character n-grams of each word and
/// the hashing of words and n-grams into buckets. Serialisable with <c>ModelBundle.JsonOptions</c> so that a model
/// bundle can store the tokenizer its embedding table was trained with: changing any setting changes the ids.
/// </summary>
public sealed record TokenizerSettings
{
    /// <summary>Largest <see cref="MaxNgram"/> accepted.</summary>
    public const int NgramLimit = 32;

    /// <summary>Whether text is lower-cased (invariant culture) after normalisation. Default true.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Unicode normalisation applied first. Default <see cref="UnicodeNormalization.Nfkc"/>.</summary>
    public UnicodeNormalization Normalization { get; init; } = UnicodeNormalization.Nfkc;

    /// <summary>Whether accents (non-spacing combining marks) are removed: "café" → "cafe". Default false.</summary>
    public bool StripAccents { get; init; }

    /// <summary>Words kept per text; later words are dropped (truncation). Default 64.</summary>
    public int MaxTokens { get; init; } = 64;

    /// <summary>Shortest character n-gram, counted in characters of the word with its boundary markers '&lt;' and '&gt;'. Default 3.</summary>
    public int MinNgram { get; init; } = 3;

    /// <summary>Longest character n-gram (inclusive). Default 5.</summary>
    public int MaxNgram { get; init; } = 5;

    /// <summary>Number of hash buckets; ids run from 1 to this, 0 being padding. Default 2^18 = 262,144.</summary>
    public int BucketCount { get; init; } = 1 << 18;

    /// <summary>Whether each word also gets the bucket of the whole word ("&lt;word&gt;"), besides its n-grams. Default true.</summary>
    public bool IncludeWords { get; init; } = true;

    /// <summary>Salt mixed into every hash; different seeds give unrelated bucket assignments. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Rows an embedding table needs for these ids: <see cref="BucketCount"/> + 1, row 0 being padding.</summary>
    [JsonIgnore]
    public int VocabularySize => BucketCount + 1;

    /// <summary>Checks the settings and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        Require(Enum.IsDefined(Normalization), $"normalization must be none or nfkc, not {(int)Normalization}");
        Require(MaxTokens >= 1, $"max tokens must be at least 1, not {MaxTokens}");
        Require(MinNgram >= 1, $"min n-gram must be at least 1, not {MinNgram}");
        Require(MaxNgram >= MinNgram, $"max n-gram ({MaxNgram}) must be at least min n-gram ({MinNgram})");
        Require(MaxNgram <= NgramLimit, $"max n-gram must be at most {NgramLimit}, not {MaxNgram}");
        Require(BucketCount is >= 1 and < int.MaxValue, $"bucket count must be in [1, {int.MaxValue - 1}], not {BucketCount}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
