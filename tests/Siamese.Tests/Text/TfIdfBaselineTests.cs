using Siamese.Text;

namespace Siamese.Tests.Text;

public class TfIdfBaselineTests
{
    private const double Tolerance = 1e-12;

    private static readonly string[] Training = ["The cat sat.", "The dog sat!", "The bird."];

    [Fact]
    public void Score_Pairs_CosineOfEachPairUnderFittedVectorizer()
    {
        // Given training texts and three pairs: identical, sharing only "the", disjoint
        string[] first = ["the cat sat", "the cat", "cat"];
        string[] second = ["The cat sat", "the dog", "bird"];

        // When scored
        double[] scores = TfIdfBaseline.Score(Training, first, second);

        // Then each is the cosine worked by hand for this corpus (see TfIdfVectorizerTests): 1, 1 / (1 + (ln 2 + 1)²), 0
        double rare = Math.Log(2) + 1;
        Assert.Equal(3, scores.Length);
        Assert.Equal(1.0, scores[0], Tolerance);
        Assert.Equal(1 / (1 + (rare * rare)), scores[1], Tolerance);
        Assert.Equal(0.0, scores[2]);
    }

    [Fact]
    public void Fit_RawTexts_SameAsFittingDefaultTokens()
    {
        // Given the training texts
        // When fitted through the baseline and directly on their default tokens
        var viaBaseline = TfIdfBaseline.Fit(Training, sublinearTf: true);
        var direct = TfIdfVectorizer.Fit([.. Training.Select(TfIdfVectorizer.DefaultTokens)], sublinearTf: true);

        // Then the vocabularies and options agree
        Assert.Equal(direct.Vocabulary.OrderBy(p => p.Value), viaBaseline.Vocabulary.OrderBy(p => p.Value));
        Assert.True(viaBaseline.SublinearTf);
    }

    [Fact]
    public void Score_PairListsOfDifferentLengths_Throws()
    {
        // Given two first texts but one second text
        // When / Then
        Assert.Throws<ArgumentException>(() => TfIdfBaseline.Score(Training, ["a", "b"], ["a"]));
    }

    [Fact]
    public void Score_NoTrainingTexts_Throws()
    {
        // Given no training texts
        // When / Then
        Assert.Throws<ArgumentException>(() => TfIdfBaseline.Score([], ["a"], ["a"]));
    }
}
