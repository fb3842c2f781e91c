using Siamese.Text;

namespace Siamese.Tests.Text;

public class TfIdfVectorizerTests
{
    private const double Tolerance = 1e-12;

    // Hand-worked corpus, N = 3: d0 = the cat sat, d1 = the dog sat, d2 = the bird.
    // df: the 3, sat 2, cat 1, dog 1, bird 1. Smooth idf = ln((1 + N) / (1 + df)) + 1:
    //   the = ln(4/4) + 1 = 1;  sat = ln(4/3) + 1;  cat = dog = bird = ln(4/2) + 1 = ln 2 + 1.
    // Vocabulary in ordinal order: bird 0, cat 1, dog 2, sat 3, the 4.
    private static readonly IReadOnlyList<string>[] Corpus =
    [
        ["the", "cat", "sat"],
        ["the", "dog", "sat"],
        ["the", "bird"],
    ];

    private static readonly double IdfRare = Math.Log(2) + 1;
    private static readonly double IdfSat = Math.Log(4.0 / 3) + 1;

    [Fact]
    public void Fit_ThreeDocumentCorpus_IdfMatchesHandComputation()
    {
        // Given the corpus above
        // When fitted
        var vectorizer = TfIdfVectorizer.Fit(Corpus);

        // Then the idf of each term is the smooth idf worked above, and the vocabulary is in ordinal order
        Assert.Equal(3, vectorizer.DocumentCount);
        Assert.Equal(5, vectorizer.VocabularySize);
        Assert.True(vectorizer.TryGetIdf("the", out double the));
        Assert.True(vectorizer.TryGetIdf("sat", out double sat));
        Assert.True(vectorizer.TryGetIdf("cat", out double cat));
        Assert.True(vectorizer.TryGetIdf("bird", out double bird));
        Assert.Equal(1.0, the, Tolerance);
        Assert.Equal(IdfSat, sat, Tolerance);
        Assert.Equal(IdfRare, cat, Tolerance);
        Assert.Equal(IdfRare, bird, Tolerance);
        Assert.Equal(0, vectorizer.Vocabulary["bird"]);
        Assert.Equal(1, vectorizer.Vocabulary["cat"]);
        Assert.Equal(2, vectorizer.Vocabulary["dog"]);
        Assert.Equal(3, vectorizer.Vocabulary["sat"]);
        Assert.Equal(4, vectorizer.Vocabulary["the"]);
        Assert.False(vectorizer.TryGetIdf("zebra", out _));
    }

    [Fact]
    public void Transform_FittedDocument_L2NormalisedTfIdfWeights()
    {
        // Given the fitted corpus
        var vectorizer = TfIdfVectorizer.Fit(Corpus);

        // When "the cat sat" is vectorised
        var vector = vectorizer.Transform(["the", "cat", "sat"]);

        // Then its weights are [0, ln2+1, 0, ln(4/3)+1, 1] divided by their L2 norm
        double norm = Math.Sqrt((IdfRare * IdfRare) + (IdfSat * IdfSat) + 1);
        Assert.Equal([1, 3, 4], vector.Indices);
        Assert.Equal(IdfRare / norm, vector[1], Tolerance);
        Assert.Equal(IdfSat / norm, vector[3], Tolerance);
        Assert.Equal(1 / norm, vector[4], Tolerance);
        Assert.Equal(0.0, vector[0]);
        Assert.Equal(1.0, vector.Norm, Tolerance);
    }

    [Fact]
    public void Transform_SublinearTf_DampsRepeatedTerm()
    {
        // Given the corpus fitted with raw and with sublinear term frequencies
        var raw = TfIdfVectorizer.Fit(Corpus);
        var sublinear = TfIdfVectorizer.Fit(Corpus, sublinearTf: true);
        string[] tokens = ["cat", "cat", "the"];

        // When "cat cat the" is vectorised
        var rawVector = raw.Transform(tokens);
        var sublinearVector = sublinear.Transform(tokens);

        // Then cat weighs tf·idf before normalising, with tf = 2 raw and 1 + ln 2 sublinear; "the" weighs 1·1
        double rawCat = 2 * IdfRare, dampedCat = (1 + Math.Log(2)) * IdfRare;
        Assert.Equal(rawCat / Math.Sqrt((rawCat * rawCat) + 1), rawVector[1], Tolerance);
        Assert.Equal(dampedCat / Math.Sqrt((dampedCat * dampedCat) + 1), sublinearVector[1], Tolerance);
        Assert.True(sublinear.SublinearTf);
        Assert.False(raw.SublinearTf);
    }

    [Fact]
    public void Score_SharedCommonWordOnly_MatchesHandComputation()
    {
        // Given the fitted corpus
        var vectorizer = TfIdfVectorizer.Fit(Corpus);

        // When "the cat" is compared with "the dog", which share only "the" (idf 1)
        double score = vectorizer.Score("the cat", "the dog");

        // Then the cosine is 1·1 / (√(1 + a²)·√(1 + a²)) with a = ln 2 + 1
        Assert.Equal(1 / (1 + (IdfRare * IdfRare)), score, Tolerance);
    }

    [Fact]
    public void Score_IdenticalTextsUpToCaseAndPunctuation_One()
    {
        // Given the fitted corpus
        var vectorizer = TfIdfVectorizer.Fit(Corpus);

        // When a text is compared with itself, and with a re-cased, re-punctuated copy
        double self = vectorizer.Score("the cat sat", "the cat sat");
        double variant = vectorizer.Score("The CAT sat.", "the cat, sat");

        // Then both are 1
        Assert.Equal(1.0, self, Tolerance);
        Assert.Equal(1.0, variant, Tolerance);
    }

    [Fact]
    public void Score_DisjointTexts_Zero()
    {
        // Given the fitted corpus
        var vectorizer = TfIdfVectorizer.Fit(Corpus);

        // When two texts share no term
        double score = vectorizer.Score("cat sat", "the dog");

        // Then the cosine is 0
        Assert.Equal(0.0, score);
    }

    [Fact]
    public void Score_UnseenWords_Ignored()
    {
        // Given the fitted corpus
        var vectorizer = TfIdfVectorizer.Fit(Corpus);

        // When a text adds words never seen in the fit, and another has only such words
        double withUnseen = vectorizer.Score("the cat zebra quokka", "the cat");
        var onlyUnseen = vectorizer.Transform("zebra quokka");
        double againstOnlyUnseen = vectorizer.Score("zebra quokka", "the cat");

        // Then the unseen words carry no weight: the first pair scores 1, and the second text is the zero vector,
        // whose cosine with anything is 0 rather than NaN
        Assert.Equal(1.0, withUnseen, Tolerance);
        Assert.Equal(0, onlyUnseen.Count);
        Assert.Equal(0.0, onlyUnseen.Norm);
        Assert.Equal(0.0, againstOnlyUnseen);
        Assert.Equal(0.0, TfIdfVectorizer.Cosine(onlyUnseen, onlyUnseen));
    }

    [Fact]
    public void DefaultTokens_MixedText_LowerCasedSplitOnNonWordCharacters()
    {
        // Given text with punctuation, digits, an apostrophe, an emoji and runs of separators
        // When tokenised
        var tokens = TfIdfVectorizer.DefaultTokens("  Hello, World!! It's 2024--v2 a😀b ");

        // Then it is lower-cased and split on everything but letters and digits
        Assert.Equal(["hello", "world", "it", "s", "2024", "v2", "a", "b"], tokens);
        Assert.Empty(TfIdfVectorizer.DefaultTokens(" \t.,;!"));
    }

    [Fact]
    public void DefaultTokens_UnicodeText_KeepsLettersOfEveryScript()
    {
        // Given accented Latin, Greek, Japanese, a decomposed accent and a letter outside the BMP (Deseret)
        string text = "Straße NAÏVE Ünïcödé ΣΟΦΊΑ 東京タワー Cafe\u0301 \U00010400\U00010401";

        // When tokenised
        var tokens = TfIdfVectorizer.DefaultTokens(text);

        // Then each word stays whole and is lower-cased per code point, the combining accent staying in its word
        Assert.Equal(["straße", "naïve", "ünïcödé", "σοφία", "東京タワー", "cafe\u0301", "\U00010428\U00010429"], tokens);
    }

    [Fact]
    public void Score_UnicodeCorpus_MatchesAcrossCase()
    {
        // Given a corpus of non-Latin texts, tokenised with the default tokens
        string[] texts = ["Σοφία και γνώση", "東京 タワー", "Σοφία 東京"];
        var vectorizer = TfIdfVectorizer.Fit([.. texts.Select(TfIdfVectorizer.DefaultTokens)]);

        // When texts differing only in case, and texts sharing nothing, are compared
        double sameUpToCase = vectorizer.Score("ΣΟΦΊΑ ΚΑΙ ΓΝΏΣΗ", "σοφία και γνώση");
        double disjoint = vectorizer.Score("σοφία", "タワー");

        // Then the first pair is identical and the second shares nothing
        Assert.True(vectorizer.Vocabulary.ContainsKey("東京"));
        Assert.Equal(1.0, sameUpToCase, Tolerance);
        Assert.Equal(0.0, disjoint);
    }

    [Fact]
    public void Fit_CustomTokenizer_UsedForRawText()
    {
        // Given a corpus of whitespace tokens and a tokenizer that keeps case and punctuation
        static IReadOnlyList<string> Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var vectorizer = TfIdfVectorizer.Fit([["Cat!"], ["dog"]], tokenizer: Split);

        // When raw texts are compared
        double exact = vectorizer.Score("Cat!", "Cat!");
        double recased = vectorizer.Score("Cat!", "cat");

        // Then the custom tokenizer, not the default one, split them
        Assert.Equal(1.0, exact, Tolerance);
        Assert.Equal(0.0, recased);
    }

    [Fact]
    public void Fit_EmptyCorpus_Throws()
    {
        // Given no documents
        // When / Then
        Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit([]));
    }

    [Fact]
    public void Cosine_VectorsFromDifferentVectorizers_Throws()
    {
        // Given vectors of different dimensions
        var small = TfIdfVectorizer.Fit([["a"]]).Transform(["a"]);
        var large = TfIdfVectorizer.Fit(Corpus).Transform(["cat"]);

        // When / Then
        Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Cosine(small, large));
    }
}
