using Siamese.Text;

namespace Siamese.Tests.Text;

public class TfIdfBaselineTests
{
    private static readonly string[] Training = ["The cat sat.", "The dog sat!", "The bird."];

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
    public void Fit_NoTrainingTextsOrANullOne_Throws()
    {
        // Given no training texts, or a null one
        // When / Then
        Assert.Throws<ArgumentException>(() => TfIdfBaseline.Fit([]));
        Assert.Throws<ArgumentException>(() => TfIdfBaseline.Fit(["a", null!]));
    }
}
