using System.Text;

namespace Siamese.Text;

/// <summary>
/// TF-IDF bag-of-words vectors, a classical baseline for text similarity: each text becomes a sparse, L2-normalised
/// vector of term-frequency × inverse-document-frequency weights over the vocabulary of the corpus it was fitted on,
/// and two texts are compared by the cosine of their vectors. The weighting follows scikit-learn's
/// <c>TfidfVectorizer</c> defaults (smooth idf, L2 norm), so figures can be compared with it given the same tokens.
/// </summary>
/// <remarks>
/// <para>
/// idf(t) = ln((1 + N) / (1 + df(t))) + 1, where N is the number of documents fitted on and df(t) the number of them
/// containing t: as if one extra document contained every term once, so no idf is infinite, and the +1 keeps terms
/// found in every document from being ignored. tf(t, d) is the count of t in d, or 1 + ln(count) with
/// <see cref="SublinearTf"/>.
/// </para>
/// <para>
/// Terms not seen during fitting get no weight: they are dropped from the vector, so a text made only of unseen terms
/// has the zero vector, whose cosine with anything is 0. Instances are immutable once fitted and safe to share between
/// threads.
/// </para>
/// </remarks>
public sealed class TfIdfVectorizer
{
    private readonly Dictionary<string, int> vocabulary;
    private readonly double[] idf;
    private readonly Func<string, IReadOnlyList<string>> tokenizer;

    private TfIdfVectorizer(
        Dictionary<string, int> vocabulary, double[] idf, int documentCount, bool sublinearTf, Func<string, IReadOnlyList<string>> tokenizer)
    {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.tokenizer = tokenizer;
        DocumentCount = documentCount;
        SublinearTf = sublinearTf;
        Vocabulary = vocabulary.AsReadOnly();
    }

    /// <summary>Number of documents the vectorizer was fitted on (N in the idf).</summary>
    public int DocumentCount { get; }

    /// <summary>Whether term frequencies are damped to 1 + ln(count) instead of the raw count. Default false.</summary>
    public bool SublinearTf { get; }

    /// <summary>Number of distinct terms seen during fitting: the <see cref="SparseVector.Dimension"/> of every vector.</summary>
    public int VocabularySize => idf.Length;

    /// <summary>
    /// Each term seen during fitting and its vector index. Indices follow the ordinal (culture-free) order of the terms,
    /// so the same corpus always gives the same indices.
    /// </summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>Learns the vocabulary and the idf of each term from a corpus of tokenised documents.</summary>
    /// <param name="documents">The corpus: each document as its list of tokens (e.g. from <see cref="DefaultTokens"/>); at least one document.</param>
    /// <param name="sublinearTf">Whether to use 1 + ln(count) as the term frequency; see <see cref="SublinearTf"/>.</param>
    /// <param name="tokenizer">
    /// How <see cref="Transform(string)"/> and <see cref="Score"/> split raw text into tokens; <see cref="DefaultTokens"/>
    /// when null. Should be the tokenizer that produced <paramref name="documents"/>.
    /// </param>
    /// <exception cref="ArgumentException">There are no documents, or a document or token is null.</exception>
    public static TfIdfVectorizer Fit(
        IReadOnlyList<IReadOnlyList<string>> documents, bool sublinearTf = false, Func<string, IReadOnlyList<string>>? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("cannot fit TF-IDF on an empty corpus", nameof(documents));
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < documents.Count; d++)
        {
            var tokens = documents[d] ?? throw new ArgumentException($"documents[{d}] is null", nameof(documents));
            seen.Clear();
            foreach (string token in tokens)
            {
                if (token is null)
                {
                    throw new ArgumentException($"documents[{d}] contains a null token", nameof(documents));
                }

                if (seen.Add(token))
                {
                    documentFrequency[token] = documentFrequency.GetValueOrDefault(token) + 1;
                }
            }
        }

        var terms = documentFrequency.Keys.ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        var vocabulary = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        var idf = new double[terms.Length];
        double n = documents.Count;
        for (int i = 0; i < terms.Length; i++)
        {
            vocabulary[terms[i]] = i;
            idf[i] = Math.Log((1 + n) / (1 + documentFrequency[terms[i]])) + 1;
        }

        return new TfIdfVectorizer(vocabulary, idf, documents.Count, sublinearTf, tokenizer ?? DefaultTokens);
    }

    /// <summary>The idf of <paramref name="term"/>, if it was seen during fitting.</summary>
    /// <param name="term">A token, matched exactly (ordinal).</param>
    /// <param name="value">ln((1 + N) / (1 + df)) + 1 when found; 0 otherwise.</param>
    /// <returns>True when the term is in the <see cref="Vocabulary"/>.</returns>
    public bool TryGetIdf(string term, out double value)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (vocabulary.TryGetValue(term, out int index))
        {
            value = idf[index];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// The L2-normalised TF-IDF vector of a tokenised text. Tokens not in the <see cref="Vocabulary"/> are ignored; when
    /// none is in it, the result is the zero vector (no stored entries, <see cref="SparseVector.Norm"/> 0).
    /// </summary>
    /// <param name="tokens">The text's tokens.</param>
    /// <exception cref="ArgumentException">A token is null.</exception>
    public SparseVector Transform(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var counts = new Dictionary<int, int>();
        foreach (string token in tokens)
        {
            if (token is null)
            {
                throw new ArgumentException("tokens contains a null token", nameof(tokens));
            }

            if (vocabulary.TryGetValue(token, out int index))
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        }

        var indices = counts.Keys.ToArray();
        Array.Sort(indices);
        var weights = new double[indices.Length];
        double sumOfSquares = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            int count = counts[indices[i]];
            double tf = SublinearTf ? 1 + Math.Log(count) : count;
            weights[i] = tf * idf[indices[i]];
            sumOfSquares += weights[i] * weights[i];
        }

        double norm = Math.Sqrt(sumOfSquares);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= norm;
        }

        return new SparseVector(VocabularySize, indices, weights);
    }

    /// <summary>The L2-normalised TF-IDF vector of a raw text, split by the tokenizer given to <see cref="Fit"/>.</summary>
    /// <param name="text">The text.</param>
    public SparseVector Transform(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Transform(tokenizer(text));
    }

    /// <summary>Cosine similarity of two texts' TF-IDF vectors: in [0, 1], 1 for texts with the same term proportions, 0 when they share no fitted term.</summary>
    /// <param name="text1">First text.</param>
    /// <param name="text2">Second text.</param>
    public double Score(string text1, string text2) => Cosine(Transform(text1), Transform(text2));

    /// <summary>
    /// Cosine similarity a·b / (‖a‖·‖b‖); 0 when either vector is zero (as in scikit-learn), rather than NaN.
    /// Larger is closer.
    /// </summary>
    /// <param name="a">First vector.</param>
    /// <param name="b">Second vector, of the same dimension.</param>
    /// <exception cref="ArgumentException">The dimensions differ (the vectors come from different vectorizers).</exception>
    public static double Cosine(SparseVector a, SparseVector b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double dot = a.Dot(b);
        if (a.Norm == 0 || b.Norm == 0)
        {
            return 0;
        }

        // Rounding can push the cosine of identical normalised vectors a hair past 1.
        return Math.Clamp(dot / (a.Norm * b.Norm), -1.0, 1.0);
    }

    /// <summary>
    /// A simple Unicode-aware tokenizer: lower-cases <paramref name="text"/> (invariant culture, per code point) and
    /// splits it on every code point that is not a letter, a decimal digit or a combining mark, dropping empty tokens.
    /// </summary>
    /// <remarks>
    /// Code points, not UTF-16 chars, are classified, so letters outside the Basic Multilingual Plane stay whole;
    /// combining marks count as word characters so that decomposed accents ("e" + U+0301) do not split a word.
    /// No Unicode normalisation is done, so composed and decomposed spellings give different tokens. Apostrophes and
    /// hyphens split ("don't" gives "don" and "t"), and single-character tokens are kept (scikit-learn's default
    /// pattern drops them). Scripts written without spaces (Chinese, Japanese, Thai) come out as whole runs.
    /// </remarks>
    /// <param name="text">The text.</param>
    /// <returns>The tokens, in order.</returns>
    public static IReadOnlyList<string> DefaultTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.EnclosingMark;
    }
}
