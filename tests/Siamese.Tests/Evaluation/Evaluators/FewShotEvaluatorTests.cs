using Siamese.Distances;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Evaluation.Evaluators;

[Collection(LiveTensorCollection.Name)]
public class FewShotEvaluatorTests
{
    /// <summary>Tight clusters (noise ±0.05) around centres 10 apart: perfectly separable.</summary>
    private static (double[][] Rows, int[] Labels) Clusters(int classes, int perClass, int dimension, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var labels = new List<int>();
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                rows.Add(Enumerable.Range(0, dimension).Select(k => (k == c % dimension ? 10.0 * (1 + (c / dimension)) : 0) + ((random.NextDouble() - 0.5) * 0.1)).ToArray());
                labels.Add(c);
            }
        }

        return (rows.ToArray(), labels.ToArray());
    }

    /// <summary>The share of queries strictly closest to their own prototype (mean of support), by loops in double precision.</summary>
    private static double Oracle(double[][] x, FewShotEpisode episode, string distanceName)
    {
        int dimension = x[0].Length;
        var prototypes = Enumerable.Range(0, episode.Way)
            .Select(c => Enumerable.Range(0, dimension).Select(k => Enumerable.Range(0, episode.Shots).Average(s => x[episode.Support[(c * episode.Shots) + s]][k])).ToArray())
            .ToArray();
        int correct = 0;
        for (int q = 0; q < episode.Queries.Length; q++)
        {
            var closeness = prototypes.Select(p => OracleCloseness(distanceName, x[episode.Queries[q]], p)).ToArray();
            int own = episode.QueryClasses[q];
            if (Enumerable.Range(0, episode.Way).All(c => c == own || closeness[c] < closeness[own]))
            {
                correct++;
            }
        }

        return correct / (double)episode.Queries.Length;
    }

    [Theory]
    [InlineData("l2", 1)]
    [InlineData("l2", 3)]
    [InlineData("cosine", 1)]
    [InlineData("cosine", 3)]
    public void EpisodeAccuracy_RandomEmbeddings_MatchesLoopOracle(string distanceName, int shots)
    {
        // Given random embeddings of 8 classes x 7 and episodes of 4 ways with 3 queries per class
        var rows = RandomMatrix(56, 5, seed: 12);
        var labels = Enumerable.Range(0, 56).Select(i => i % 8).ToArray();
        using var e = ToTensor(rows);
        var sampler = new FewShotEpisodeSampler(labels, way: 4, shots, queriesPerClass: 3, seed: 13);
        var distance = Distance.FromName(distanceName);
        var seen = new HashSet<double>();

        for (int i = 0; i < 40; i++)
        {
            // When an episode is scored
            var episode = sampler.Next();
            double actual = FewShotEvaluator.EpisodeAccuracy(e, episode, distance);

            // Then it matches the loops
            Assert.Equal(Oracle(rows, episode, distanceName), actual, 12);
            seen.Add(actual);
        }

        // And the episodes are not all alike (the oracle is not compared against a constant)
        Assert.True(seen.Count >= 3);
    }

    [Fact]
    public void EpisodeAccuracy_ExactTies_CountAsErrors()
    {
        // Given 1-D embeddings. Episode 1-shot: support A = 0, B = 2; query 1 (class A) is exactly 1 from both
        // prototypes (a tie, an error), query 0.9 (class A) is nearer A (right)
        using var e = tensor(new float[] { 0, 2, 1, 0.9f }, [4, 1]);
        var episode = new FewShotEpisode([0, 1], 1, [0, 1], [2, 3], [0, 0]);

        // When scored
        double accuracy = FewShotEvaluator.EpisodeAccuracy(e, episode, new L2Distance());

        // Then one query of two is right
        Assert.Equal(0.5, accuracy);
    }

    [Fact]
    public void EpisodeAccuracy_TwoShots_UsesTheMeanOfTheSupport()
    {
        // Given 1-D embeddings. Class A's support is 0 and 2 (prototype 1), class B's 5 and 5 (prototype 5).
        // Query 3 (class A) is 2 from both prototypes: a tie, so an error, although it is nearer A's support item 2 than
        // any of B's; query 1.2 (class A) is right; query 4.5 (class B) is right
        using var e = tensor(new float[] { 0, 2, 5, 5, 3, 1.2f, 4.5f }, [7, 1]);
        var episode = new FewShotEpisode([0, 1], 2, [0, 1, 2, 3], [4, 5, 6], [0, 0, 1]);

        // When scored
        double accuracy = FewShotEvaluator.EpisodeAccuracy(e, episode, new L2Distance());

        // Then two of three are right
        Assert.Equal(2 / 3.0, accuracy, 12);
    }

    [Fact]
    public void EpisodeAccuracy_Similarity_PrefersTheLargerScore()
    {
        // Given unit vectors: support A = (1, 0), B = (0, 1); query (0.9, 0.1) of class A, query (0.2, 0.8) of class A
        using var e = tensor(new float[] { 1, 0, 0, 1, 0.9f, 0.1f, 0.2f, 0.8f }, [4, 2]);
        var episode = new FewShotEpisode([0, 1], 1, [0, 1], [2, 3], [0, 0]);

        // Then under the cosine the first is right and the second wrong
        Assert.Equal(0.5, FewShotEvaluator.EpisodeAccuracy(e, episode, new CosineSimilarity()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Evaluate_SeparatedClusters_IsPerfect(int shots)
    {
        // Given 7 tight, far-apart clusters of 6
        var (rows, labels) = Clusters(classes: 7, perClass: 6, dimension: 4, seed: 1);
        using var e = ToTensor(rows);

        // When evaluated 5-way
        var report = FewShotEvaluator.Evaluate(e, labels, new L2Distance(), new FewShotOptions { Way = 5, Shots = shots, QueriesPerClass = 2, Episodes = 60, Seed = 3 });

        // Then every query is right, with no spread, and the report describes the episodes
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(0.0, report.ConfidenceInterval95);
        Assert.Equal((5, shots, 2, 60, 0.2, 7), (report.Way, report.Shots, report.QueriesPerClass, report.Episodes, report.Chance, report.Classes));
        Assert.StartsWith($"5-way {shots}-shot: 100", report.ToString());
    }

    [Fact]
    public void Evaluate_IdenticalEmbeddings_IsZeroBecauseEveryQueryTies()
    {
        // Given 30 copies of the same embedding in 6 classes
        using var e = ones(30, 4);
        var labels = Enumerable.Range(0, 30).Select(i => i % 6).ToArray();

        // When evaluated
        var report = FewShotEvaluator.Evaluate(e, labels, new L2Distance(), new FewShotOptions { Way = 3, Episodes = 20 });

        // Then no query is strictly closest to its own class
        Assert.Equal(0.0, report.Accuracy);
    }

    [Fact]
    public void Evaluate_RandomLabels_IsNearChance()
    {
        // Given random embeddings with labels unrelated to them
        var rows = RandomMatrix(200, 8, seed: 21);
        var random = new Random(22);
        var labels = Enumerable.Range(0, 200).Select(i => i % 10).OrderBy(_ => random.Next()).ToArray();
        using var e = ToTensor(rows);

        // When evaluated 4-way 1-shot over 400 episodes
        var report = FewShotEvaluator.Evaluate(e, labels, new L2Distance(), new FewShotOptions { Way = 4, QueriesPerClass = 5, Episodes = 400, Seed = 5 });

        // Then the accuracy is close to 1/4
        Assert.InRange(report.Accuracy, 0.21, 0.29);
        Assert.Equal(0.25, report.Chance);
    }

    [Fact]
    public void Evaluate_ConfidenceInterval_Is196SampleSdOverRootEpisodes()
    {
        // Given random embeddings with weakly informative labels
        var rows = RandomMatrix(60, 3, seed: 31);
        var labels = Enumerable.Range(0, 60).Select(i => rows[i][0] > 0 ? i % 3 : 3 + (i % 3)).ToArray();
        using var e = ToTensor(rows);
        var options = new FewShotOptions { Way = 3, Shots = 2, QueriesPerClass = 2, Episodes = 25, Seed = 9 };

        // When evaluated, and the same episodes replayed by hand from a sampler with the same seed
        var report = FewShotEvaluator.Evaluate(e, labels, new L2Distance(), options);
        var sampler = new FewShotEpisodeSampler(labels, 3, 2, 2, seed: 9);
        var accuracies = Enumerable.Range(0, 25).Select(_ => Oracle(rows, sampler.Next(), "l2")).ToArray();

        // Then the mean and the half-width 1.96 · s / √E (s the sample standard deviation) match
        double mean = accuracies.Average();
        double sd = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / 24);
        Assert.True(sd > 0);
        Assert.Equal(mean, report.Accuracy, 12);
        Assert.Equal(1.96 * sd / 5, report.ConfidenceInterval95, 12);
    }

    [Fact]
    public void Evaluate_OneEpisode_HasZeroInterval()
    {
        var rows = RandomMatrix(12, 3, seed: 32);
        using var e = ToTensor(rows);

        var report = FewShotEvaluator.Evaluate(e, Enumerable.Range(0, 12).Select(i => i % 3).ToArray(), new L2Distance(), new FewShotOptions { Way = 3, Episodes = 1 });

        Assert.Equal(0.0, report.ConfidenceInterval95);
    }

    [Fact]
    public void Evaluate_SameSeed_GivesTheSameReport()
    {
        var rows = RandomMatrix(80, 4, seed: 41);
        var labels = Enumerable.Range(0, 80).Select(i => i % 8).ToArray();
        using var e = ToTensor(rows);
        var options = new FewShotOptions { Way = 5, Episodes = 50, Seed = 4 };

        var first = FewShotEvaluator.Evaluate(e, labels, new CosineSimilarity(), options);
        var again = FewShotEvaluator.Evaluate(e, labels, new CosineSimilarity(), options);
        var other = FewShotEvaluator.Evaluate(e, labels, new CosineSimilarity(), options with { Seed = 5 });

        Assert.Equal(first, again);
        Assert.NotEqual(first.Accuracy, other.Accuracy);
    }

    [Fact]
    public void Evaluate_ManyEpisodes_KeepsLiveTensorCountFlat()
    {
        // Given embeddings made before counting, on a fresh thread so that only its own tensors count
        long before = 0, after = 0;
        var thread = new Thread(() =>
        {
            var rows = RandomMatrix(40, 4, seed: 51);
            using var e = ToTensor(rows);
            var labels = Enumerable.Range(0, 40).Select(i => i % 5).ToArray();
            before = TorchEngine.LiveTensorCount;

            // When 100 episodes are evaluated
            FewShotEvaluator.Evaluate(e, labels, new L2Distance(), new FewShotOptions { Way = 5, Shots = 2, Episodes = 100 });
            after = TorchEngine.LiveTensorCount;
        });
        thread.Start();
        thread.Join();

        // Then no tensor outlives the evaluation
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Evaluate_MismatchedSizesOrTooFewClasses_Throws()
    {
        using var e = ToTensor(RandomMatrix(10, 3, seed: 1));
        var labels = Enumerable.Range(0, 10).Select(i => i % 2).ToArray();

        Assert.Throws<ArgumentException>(() => FewShotEvaluator.Evaluate(e, labels[..9], new L2Distance(), new FewShotOptions { Way = 2 }));
        var ex = Assert.Throws<ArgumentException>(() => FewShotEvaluator.Evaluate(e, labels, new L2Distance(), new FewShotOptions { Way = 3 }));
        Assert.Contains("3-way", ex.Message);
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 0, 1, 1)]
    [InlineData(2, 1, 0, 1)]
    [InlineData(2, 1, 1, 0)]
    public void Validate_InvalidOptions_Throws(int way, int shots, int queries, int episodes)
    {
        var options = new FewShotOptions { Way = way, Shots = shots, QueriesPerClass = queries, Episodes = episodes };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
