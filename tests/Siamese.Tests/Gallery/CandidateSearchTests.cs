using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Tests.Text;
using Siamese.Text;
using static Siamese.Tests.Text.SmallTextModels;
using static TorchSharp.torch;

namespace Siamese.Tests.Gallery;

[Collection(LiveTensorCollection.Name)]
public class CandidateSearchTests
{
    private static readonly string[] Candidates =
    [
        "the boat drifted down the slow river at dawn",
        "change the engine oil every ten thousand miles",
        "she played the violin in the evening concert hall",
        "astronomers tracked the comet along its long orbit",
        "fresh fish at the harbour market",
        "a quiet night",
        "violin strings and bows",
    ];

    private static readonly string[] Queries = ["river boat", "engine oil", "violin", "comet orbit", "fish"];

    private static double[][] Rows(TwinNetwork network, IReadOnlyList<string> texts, PairSide side) =>
        texts.Select(t => Array.ConvertAll(EmbedAlone(network, Tokenizer(), t, side), v => (double)v)).ToArray();

    /// <summary>The k closest candidates of a query by loops over embeddings of each text alone, ties by candidate order.</summary>
    private static (int Candidate, double Score)[] BruteForce(string distance, double[] query, double[][] candidates, int k) =>
        candidates.Select((c, j) => (Candidate: j, Score: TensorTestData.OracleScore(distance, query, c)))
            .OrderBy(h => -TensorTestData.OracleCloseness(distance, query, candidates[h.Candidate])).ThenBy(h => h.Candidate)
            .Take(k)
            .ToArray();

    [Theory]
    [InlineData("cosine", true)]
    [InlineData("l2", true)]
    [InlineData("l2", false)]
    public void Search_TopK_EqualsABruteForceRanking(string distance, bool pseudo)
    {
        // Given a search over 7 candidates with a text model
        var network = pseudo ? Pseudo(distance) : Twin(distance);
        var search = CandidateSearch.ForText(network, Tokenizer(), Candidates);

        // When 5 queries look for their 3 closest candidates
        var results = search.Search(Queries, 3);

        // Then each query's hits are the brute-force top 3 (queries through the first branch, candidates through the second)
        var queries = Rows(network, Queries, PairSide.First);
        var candidates = Rows(network, Candidates, PairSide.Second);
        Assert.Equal(7, search.CandidateCount);
        Assert.Equal(Queries.Length, results.Count);
        for (int q = 0; q < Queries.Length; q++)
        {
            var expected = BruteForce(distance, queries[q], candidates, 3);
            Assert.Equal(expected.Select(h => h.Candidate), results[q].Select(h => h.Candidate));
            Assert.Equal([1, 2, 3], results[q].Select(h => h.Rank));
            for (int r = 0; r < 3; r++)
            {
                Assert.Equal(expected[r].Score, results[q][r].Score, 5);
                Assert.Equal(Candidates[expected[r].Candidate], results[q][r].Input);
            }
        }
    }

    [Fact]
    public void Search_KAboveTheCandidateCount_ReturnsEveryCandidateRanked()
    {
        var network = Pseudo();
        var search = CandidateSearch.ForText(network, Tokenizer(), Candidates[..4]);

        var results = search.Search(Queries[..2], 10);

        var candidates = Rows(network, Candidates[..4], PairSide.Second);
        var queries = Rows(network, Queries[..2], PairSide.First);
        for (int q = 0; q < 2; q++)
        {
            Assert.Equal(4, results[q].Length);
            Assert.Equal(BruteForce("cosine", queries[q], candidates, 4).Select(h => h.Candidate), results[q].Select(h => h.Candidate));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => search.Search(Queries, 0));
        Assert.Empty(search.Search([], 3));
    }

    [Fact]
    public void Search_TiedCandidatesCutByK_KeepsTheEarliestCandidates()
    {
        // Given 40 copies of one text and one other text as candidates: the copies tie exactly
        var network = Twin("l2");
        var candidates = Enumerable.Repeat("a boat on the river", 40).Append("engine oil").ToArray();
        var search = CandidateSearch.ForText(network, Tokenizer(), candidates);

        // When a query identical to the copies asks for 3 hits
        var hits = search.Search(["a boat on the river"], 3)[0];

        // Then, ties going by candidate order, the hits are the first three copies
        Assert.Equal([0, 1, 2], hits.Select(h => h.Candidate));
    }

    [Fact]
    public void ModelTextScorer_MatrixAndPairs_AreTheDistanceOfEachSidesEmbeddings()
    {
        // Given a pseudo-Siamese model as a scorer
        var network = Pseudo("l2");
        var scorer = new ModelTextScorer(network, Tokenizer());

        // When the queries are scored against the candidates, as a matrix and as pairs
        var matrix = scorer.Score(Queries, Candidates);
        var pairs = scorer.ScorePairs(Queries, Candidates[..Queries.Length]);

        // Then each entry is the L2 distance of the first branch's query embedding and the second branch's candidate embedding
        var queries = Rows(network, Queries, PairSide.First);
        var candidates = Rows(network, Candidates, PairSide.Second);
        Assert.False(scorer.LargerIsCloser);
        for (int q = 0; q < Queries.Length; q++)
        {
            for (int c = 0; c < Candidates.Length; c++)
            {
                Assert.Equal(TensorTestData.OracleScore("l2", queries[q], candidates[c]), matrix[q, c], 5);
            }

            Assert.Equal(TensorTestData.OracleScore("l2", queries[q], candidates[q]), pairs[q], 5);
        }
    }

    [Fact]
    public void SearchAndScore_ManyCalls_KeepLiveTensorCountFlat()
    {
        // Given a search built on a fresh thread (its candidate embeddings are made before counting)
        long before = 0, after = 0;
        FreshThread.Run(() =>
        {
            var network = Pseudo();
            var search = CandidateSearch.ForText(network, Tokenizer(), Candidates);
            var scorer = new ModelTextScorer(network, Tokenizer());
            before = TorchEngine.LiveTensorCount;

            // When it searches, and the scorer scores, 15 times
            for (int i = 0; i < 15; i++)
            {
                _ = search.Search(Queries, 3);
                _ = scorer.Score(Queries, Candidates);
                _ = scorer.ScorePairs(Queries, Queries);
            }

            after = TorchEngine.LiveTensorCount;
        });

        // Then no tensor outlives a call
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }
}
