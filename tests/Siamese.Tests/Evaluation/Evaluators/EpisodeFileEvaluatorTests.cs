using Siamese.Data;
using Siamese.Distances;
using Siamese.Evaluation.Evaluators;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Evaluation.Evaluators;

public class EpisodeFileEvaluatorTests
{
    /// <summary>Rows named /img/0 … /img/(n−1).</summary>
    private static Dictionary<string, int> Rows(int n) => Enumerable.Range(0, n).ToDictionary(i => $"/img/{i}", i => i);

    private static EpisodeTrial Trial(int query, params int[] candidates) =>
        new($"/img/{query}", candidates.Select(c => $"/img/{c}").ToArray(), LineNumber: 7);

    [Fact]
    public void IsCorrect_DistanceWithStrictWinnerTieAndLoser_OnlyTheStrictWinnerIsCorrect()
    {
        // Given 1-D embeddings 0, 1, 2, −1, 0.5 and the query at row 0
        using var e = tensor(new float[] { 0, 1, 2, -1, 0.5f }, [5, 1]);
        var rows = Rows(5);
        var l2 = new L2Distance();

        // Then the correct candidate first must be strictly nearest: 0.5 beats 1 and 2; 1 ties with −1; 2 loses to 1
        Assert.True(EpisodeFileEvaluator.IsCorrect(Trial(0, 4, 1, 2), e, rows, l2));
        Assert.False(EpisodeFileEvaluator.IsCorrect(Trial(0, 1, 3, 2), e, rows, l2));
        Assert.False(EpisodeFileEvaluator.IsCorrect(Trial(0, 2, 1), e, rows, l2));
    }

    [Fact]
    public void IsCorrect_Similarity_PrefersTheLargerScore()
    {
        // Given unit vectors at 0°, 10°, 80° and a copy of 10°
        static float[] At(double degrees) => [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];
        using var e = tensor(At(0).Concat(At(10)).Concat(At(80)).Concat(At(10)).ToArray(), [4, 2]);
        var rows = Rows(4);
        var cosine = new CosineSimilarity();

        // Then the candidate at 10° wins against 80°, loses from 80° as the correct one, and ties with its copy
        Assert.True(EpisodeFileEvaluator.IsCorrect(Trial(0, 1, 2), e, rows, cosine));
        Assert.False(EpisodeFileEvaluator.IsCorrect(Trial(0, 2, 1), e, rows, cosine));
        Assert.False(EpisodeFileEvaluator.IsCorrect(Trial(0, 1, 3), e, rows, cosine));
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("cosine")]
    public void Evaluate_RandomTrials_MatchesLoopOracle(string distanceName)
    {
        // Given random embeddings and 60 random 5-way trials
        var x = RandomMatrix(30, 4, seed: 71);
        using var e = ToTensor(x);
        var random = new Random(72);
        var trials = Enumerable.Range(0, 60).Select(_ =>
        {
            var picks = Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(6).ToArray();
            return Trial(picks[0], picks[1..]);
        }).ToList();

        // When the trials are scored
        var report = EpisodeFileEvaluator.Evaluate("run.txt", trials, e, Rows(30), Distance.FromName(distanceName));

        // Then the count of correct trials is the loops' (the correct candidate strictly closest)
        int expected = trials.Count(t =>
        {
            int query = int.Parse(t.Query[5..]);
            var closeness = t.Candidates.Select(c => OracleCloseness(distanceName, x[query], x[int.Parse(c[5..])])).ToArray();
            return closeness.Skip(1).All(c => c < closeness[0]);
        });
        Assert.Equal(("run.txt", 60, expected), (report.File, report.Trials, report.Correct));
        Assert.InRange(expected, 5, 30);
        Assert.Equal(expected / 60.0, report.Accuracy, 12);
        Assert.Equal([5], report.Ways);
    }

    [Fact]
    public void Evaluate_MixedWays_ListsEachWayOnceAscending()
    {
        using var e = tensor(new float[] { 0, 1, 2, 3, 4 }, [5, 1]);

        var report = EpisodeFileEvaluator.Evaluate("f", [Trial(0, 1, 2, 3, 4), Trial(0, 1, 2), Trial(4, 3, 2, 1)], e, Rows(5), new L1Distance());

        Assert.Equal([2, 3, 4], report.Ways);
        Assert.Equal(3, report.Correct);
    }

    [Fact]
    public void Evaluate_PathWithoutRow_ThrowsNamingItAndTheLine()
    {
        using var e = tensor(new float[] { 0, 1, 2 }, [3, 1]);
        var trial = new EpisodeTrial("/img/0", ["/img/1", "/img/missing.png"], LineNumber: 12);

        var ex = Assert.Throws<ArgumentException>(() => EpisodeFileEvaluator.Evaluate("f", [trial], e, Rows(3), new L2Distance()));

        Assert.Contains("/img/missing.png", ex.Message);
        Assert.Contains("line 12", ex.Message);
    }
}
