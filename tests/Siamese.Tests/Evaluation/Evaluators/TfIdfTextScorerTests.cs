using Siamese.Evaluation.Evaluators;
using Siamese.Text;

namespace Siamese.Tests.Evaluation.Evaluators;

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

        // When the matrix of every first text against every second text is scored
        var matrix = scorer.Score(first, second, [0, 1, 2, 3], [0, 1, 2, 3]);

        // Then entry (i, j) is the pair score of (first[i], second[j]) by ScorePairs and by the vectorizer fitted alike
        Assert.Equal(4, matrix.GetLength(0));
        Assert.Equal(4, matrix.GetLength(1));
        var crossFirst = first.SelectMany((_, i) => second.Select(_ => i)).ToArray();
        var crossSecond = first.SelectMany(_ => second.Select((_, j) => j)).ToArray();
        var pairScores = scorer.ScorePairs(first, second, crossFirst, crossSecond);
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
    public void Score_ChosenRowsAndColumns_AreThoseEntriesOfTheFullMatrix()
    {
        // Given a scorer and the full matrix of two lists
        var scorer = new TfIdfTextScorer(Training);
        string[] first = ["river boat", "engine", "boat engine"];
        string[] second = ["The boat, on the river!", "oil engine change", "boat"];
        var full = scorer.Score(first, second, [0, 1, 2], [0, 1, 2]);

        // When rows 2 and 0 are scored against columns 1, 1 and 0 (the same lists, so their vectors are reused)
        var part = scorer.Score(first, second, [2, 0], [1, 1, 0]);

        // Then each entry is the full matrix's
        int[] rows = [2, 0], columns = [1, 1, 0];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < columns.Length; j++)
            {
                Assert.Equal(full[rows[i], columns[j]], part[i, j]);
            }
        }
    }

    [Fact]
    public void Prepare_ListChangedAfterwards_ScoresTheVectorsMadeOnceAndANewPreparationAfresh()
    {
        // Given candidates prepared once and scored
        var scorer = new TfIdfTextScorer(Training);
        var candidates = new List<string> { "river boat", "engine oil" };
        var prepared = scorer.Prepare(["boat"], candidates);
        float before = prepared.Score([0], [0])[0, 0];

        // When the list is changed in place and scored again by that preparation, and by a new one
        candidates[0] = "engine oil";
        float again = prepared.Score([0], [0])[0, 0];
        float fresh = scorer.Prepare(["boat"], candidates).Score([0], [0])[0, 0];

        // Then the preparation gave the vectors it made, and the new one the changed text's
        Assert.True(before > 0);
        Assert.Equal(before, again);
        Assert.Equal(0f, fresh);
    }

    [Fact]
    public void ScorePairs_TwoTrainingTexts_IsTheHandComputedCosine()
    {
        // Given training texts "river boat" and "river fish": idf(river) = ln(3/3) + 1 = 1, idf(boat) = idf(fish) = ln(3/2) + 1
        var scorer = new TfIdfTextScorer(["river boat", "river fish"]);
        double w = Math.Log(1.5) + 1;

        // When "river boat" is scored against "river fish" and against "boat river"
        var scores = scorer.ScorePairs(["river boat"], ["river fish", "boat river"], [0, 0], [0, 1]);

        // Then the cosine of (1, w, 0) and (1, 0, w) is 1 / (1 + w²), and the same words give 1
        Assert.Equal(1 / (1 + (w * w)), scores[0], 6);
        Assert.Equal(1.0, scores[1], 6);
    }

    [Fact]
    public void ScorePairs_ThreeTrainingTexts_CosineOfEachPairUnderFittedVectorizer()
    {
        // Given training texts and three pairs: identical, sharing only "the", disjoint
        var scorer = new TfIdfTextScorer(["The cat sat.", "The dog sat!", "The bird."]);
        string[] first = ["the cat sat", "the cat", "cat"];
        string[] second = ["The cat sat", "the dog", "bird"];

        // When scored
        float[] scores = scorer.ScorePairs(first, second, [0, 1, 2], [0, 1, 2]);

        // Then each is the cosine worked by hand for this corpus (see TfIdfVectorizerTests): 1, 1 / (1 + (ln 2 + 1)²), 0
        double rare = Math.Log(2) + 1;
        Assert.Equal(3, scores.Length);
        Assert.Equal(1f, scores[0]);
        Assert.Equal((float)(1 / (1 + (rare * rare))), scores[1]);
        Assert.Equal(0f, scores[2]);
    }

    [Fact]
    public void ScorePairs_IndexListsOfDifferentLengthOrOutsideTheTexts_Throws()
    {
        var scorer = new TfIdfTextScorer(Training);
        Assert.Throws<ArgumentException>(() => scorer.ScorePairs(["a", "b"], ["a"], [0, 1], [0]));
        Assert.Throws<ArgumentException>(() => scorer.ScorePairs(["a", "b"], ["a"], [0, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => scorer.ScorePairs(["a", "b"], ["a"], [-1], [0]));
        Assert.Throws<ArgumentException>(() => scorer.Score(["a", "b"], ["a"], [2], [0]));
        Assert.Throws<ArgumentNullException>(() => scorer.ScorePairs([null!], ["a"], [0], [0]));
    }

    [Fact]
    public void Constructor_NoTrainingTexts_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TfIdfTextScorer([]));
    }
}
