using Siamese.Evaluation;
using Siamese.Text;

namespace Siamese.Tests.Evaluation;

public class TfIdfTextScorerTests
{
    private static readonly string[] Training = ["the river boat", "a boat on the river", "engine oil change", "the engine of the boat"];

    [Fact]
    public void Score_Matrix_EqualsScorePairsAndTheVectorizersScore()
    {
        // Given a scorer fitted on training texts, and texts with seen, unseen and no words
        var scorer = new TfIdfTextScorer(Training);
        var vectorizer = TfIdfBaseline.Fit(Training);
        string[] first = ["river boat", "engine", "unseen words only", ""];
        string[] second = ["The boat, on the river!", "oil engine change", "boat", "zebra"];

        // When the matrix is scored
        var matrix = scorer.Score(first, second);

        // Then entry (i, j) is the pair score of (first[i], second[j]) by ScorePairs and by the vectorizer fitted alike
        Assert.Equal(4, matrix.GetLength(0));
        Assert.Equal(4, matrix.GetLength(1));
        var crossFirst = first.SelectMany(f => second.Select(_ => f)).ToArray();
        var crossSecond = first.SelectMany(_ => second).ToArray();
        var pairScores = scorer.ScorePairs(crossFirst, crossSecond);
        for (int i = 0; i < first.Length; i++)
        {
            for (int j = 0; j < second.Length; j++)
            {
                Assert.Equal(pairScores[(i * second.Length) + j], matrix[i, j]);
                Assert.Equal((float)vectorizer.Score(first[i], second[j]), matrix[i, j]);
            }
        }

        Assert.Equal(0f, matrix[2, 0]);
        Assert.Equal(0f, matrix[3, 1]);
        Assert.True(scorer.LargerIsCloser);
        Assert.Equal("tfidf", scorer.Name);
    }

    [Fact]
    public void ScorePairs_TwoTrainingTexts_IsTheHandComputedCosine()
    {
        // Given training texts "river boat" and "river fish": idf(river) = ln(3/3) + 1 = 1, idf(boat) = idf(fish) = ln(3/2) + 1
        var scorer = new TfIdfTextScorer(["river boat", "river fish"]);
        double w = Math.Log(1.5) + 1;

        // When "river boat" is scored against "river fish" and against itself
        var scores = scorer.ScorePairs(["river boat", "river boat"], ["river fish", "boat river"]);

        // Then the cosine of (1, w, 0) and (1, 0, w) is 1 / (1 + w²), and the same words give 1
        Assert.Equal(1 / (1 + (w * w)), scores[0], 6);
        Assert.Equal(1.0, scores[1], 6);
    }

    [Fact]
    public void ScorePairs_ListsOfDifferentLength_Throws()
    {
        var scorer = new TfIdfTextScorer(Training);
        Assert.Throws<ArgumentException>(() => scorer.ScorePairs(["a", "b"], ["a"]));
    }
}
