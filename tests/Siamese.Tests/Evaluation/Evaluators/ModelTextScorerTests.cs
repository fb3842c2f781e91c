using Siamese.Distances;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Networks;
using Siamese.Tests.Text;

namespace Siamese.Tests.Evaluation.Evaluators;

public class ModelTextScorerTests
{
    [Fact]
    public void Score_RepeatedCandidateList_ReusesItsEmbeddingsAndStillScoresEveryListRight()
    {
        // Given a pseudo-Siamese model and one scorer used for several calls
        var (network, scorer) = PseudoSiamese(seed: 5);
        string[] candidates = ["a red apple", "the blue sea", "green grass grows"];
        string[] others = ["the blue sea", "a quiet night"];

        // When query chunks are scored against one candidate list, then against another list
        var first = scorer.Score(["apple pie", "deep water"], candidates);
        var second = scorer.Score(["grass"], candidates);
        var third = scorer.Score(["apple pie"], others);

        // Then every call equals a fresh scorer's answer (the cached list is only reused for the same list)
        AssertEqual(new ModelTextScorer(network, SmallTextModels.Tokenizer()).Score(["apple pie", "deep water"], candidates), first);
        AssertEqual(new ModelTextScorer(network, SmallTextModels.Tokenizer()).Score(["grass"], candidates), second);
        AssertEqual(new ModelTextScorer(network, SmallTextModels.Tokenizer()).Score(["apple pie"], others), third);
        Assert.Equal(first[0, 1], third[0, 0], 5);
    }

    [Fact]
    public void ScorePairsAndScore_OverIndicesIntoDistinctTexts_EqualTheSameTextsScoredOneByOne()
    {
        // Given a pseudo-Siamese model, two lists of distinct texts and pairs over them with repeats
        var (network, scorer) = PseudoSiamese(seed: 6);
        string[] first = ["apple pie", "deep water", "grass"];
        string[] second = ["a red apple", "the blue sea", "green grass grows"];
        int[] left = [0, 1, 0, 2, 0], right = [0, 1, 2, 2, 0];

        // When the pairs and a block of rows and columns are scored by index
        var pairs = scorer.ScorePairs(first, second, left, right);
        var block = scorer.Score(first, second, [2, 0], [1, 2, 1]);

        // Then each score is that of its two texts given as lists of their own
        var oneByOne = new ModelTextScorer(network, SmallTextModels.Tokenizer());
        var expected = oneByOne.ScorePairs(left.Select(l => first[l]).ToArray(), right.Select(r => second[r]).ToArray());
        Assert.Equal(expected.Length, pairs.Length);
        for (int k = 0; k < pairs.Length; k++)
        {
            Assert.Equal(expected[k], pairs[k], 5);
        }

        AssertEqual(oneByOne.Score(["grass", "apple pie"], ["the blue sea", "green grass grows", "the blue sea"]), block);
        Assert.Throws<ArgumentException>(() => scorer.ScorePairs(first, second, [0, 1], [0]));
        Assert.Throws<ArgumentException>(() => scorer.Score(first, second, [3], [0]));
    }

    [Fact]
    public void Prepare_ListsChangedAfterwards_ScoresTheEmbeddingsMadeOnce()
    {
        // Given queries and candidates prepared once, and scored
        var (_, scorer) = PseudoSiamese(seed: 7);
        var queries = new List<string> { "apple pie", "deep water" };
        var candidates = new List<string> { "a red apple", "the blue sea" };
        var prepared = scorer.Prepare(queries, candidates);
        var before = prepared.Score([0, 1], [0, 1]);

        // When both lists are changed in place and the preparation scores again
        (queries[0], candidates[0]) = ("grass", "green grass grows");
        var again = prepared.Score([0, 1], [0, 1]);

        // Then it scored the embeddings it made, not the changed texts, and a new preparation embeds the new texts
        AssertEqual(before, again);
        Assert.NotEqual(before[0, 0], scorer.Prepare(queries, candidates).Score([0], [0])[0, 0], 5);
    }

    /// <summary>A small pseudo-Siamese text model (LSTM and CNN branches, cosine) and a scorer over it.</summary>
    private static (TwinNetwork Network, ModelTextScorer Scorer) PseudoSiamese(int seed)
    {
        TorchEngine.Seed(seed);
        var network = new TwinNetwork(SmallTextModels.Lstm.Build(), SmallTextModels.Cnn.Build(), new CosineSimilarity());
        return (network, new ModelTextScorer(network, SmallTextModels.Tokenizer()));
    }

    private static void AssertEqual(float[,] expected, float[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                Assert.Equal(expected[i, j], actual[i, j], 5);
            }
        }
    }
}
