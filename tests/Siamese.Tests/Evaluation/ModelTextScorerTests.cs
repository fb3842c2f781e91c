using Siamese.Distances;
using Siamese.Engine;
using Siamese.Evaluation;
using Siamese.Networks;
using Siamese.Tests.Text;

namespace Siamese.Tests.Evaluation;

public class ModelTextScorerTests
{
    [Fact]
    public void Score_RepeatedCandidateList_ReusesItsEmbeddingsAndStillScoresEveryListRight()
    {
        // Given a pseudo-Siamese model and one scorer used for several calls
        TorchEngine.Seed(5);
        var network = new TwinNetwork(SmallTextModels.Lstm.Build(), SmallTextModels.Cnn.Build(), new CosineSimilarity());
        var scorer = new ModelTextScorer(network, SmallTextModels.Tokenizer());
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
