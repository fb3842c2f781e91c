namespace Siamese.Text;

/// <summary>
/// One text as bucket ids grouped by word, in an <c>EmbeddingBag</c>-style layout: the ids of word <c>w</c> are
/// <c>Ids[Offsets[w] .. Offsets[w + 1])</c> (the last word runs to the end of <see cref="Ids"/>). Every word has at
/// least one id, and every id is in [1, BucketCount].
/// </summary>
public sealed class TokenizedText
{
    internal TokenizedText(string[] words, int[] ids, int[] offsets)
    {
        Words = words;
        Ids = ids;
        Offsets = offsets;
    }

    /// <summary>The words after normalisation and truncation, in order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Bucket ids of all words, word after word.</summary>
    public int[] Ids { get; }

    /// <summary>Start of each word's ids in <see cref="Ids"/>; one entry per word.</summary>
    public int[] Offsets { get; }

    /// <summary>Number of words (after truncation to <see cref="TokenizerSettings.MaxTokens"/>).</summary>
    public int WordCount => Offsets.Length;

    /// <summary>The bucket ids of word <paramref name="word"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="word"/> is not in [0, <see cref="WordCount"/>).</exception>
    public ReadOnlySpan<int> WordIds(int word)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(word);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(word, WordCount);
        var end = word + 1 < Offsets.Length ? Offsets[word + 1] : Ids.Length;
        return Ids.AsSpan(Offsets[word], end - Offsets[word]);
    }
}
