using Siamese.Calibration;
using Siamese.Distances;
using Siamese.Evaluation.Evaluators;
using Siamese.Samplers;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Evaluation.Evaluators;

public class OpenSetEvaluatorTests
{
    /// <summary>Classes along the axes of an 8-D space (class c at 10·e_c), with noise ±0.05: far apart for L2 and cosine alike.</summary>
    private static (double[][] Rows, int[] Labels) Clusters(int classes, int perClass, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var labels = new List<int>();
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                rows.Add(Enumerable.Range(0, 8).Select(k => (k == c ? 10.0 : 0) + ((random.NextDouble() - 0.5) * 0.1)).ToArray());
                labels.Add(c);
            }
        }

        return (rows.ToArray(), labels.ToArray());
    }

    private static DecisionThreshold Threshold(double value, bool largerIsCloser) => new()
    {
        Value = value,
        LargerIsCloser = largerIsCloser,
        Criterion = "best-accuracy",
        Accuracy = 1,
        FalseAcceptRate = 0,
        FalseRejectRate = 0,
        PairCount = 10,
    };

    [Theory]
    [InlineData(new[] { 0.9, 0.5, 0.1, 0.7, 0.3 }, 0.0, 0)]
    [InlineData(new[] { 0.9, 0.5, 0.1, 0.7, 0.3 }, 0.2, 1)]
    [InlineData(new[] { 0.9, 0.5, 0.1, 0.7, 0.3 }, 0.45, 2)]
    [InlineData(new[] { 0.9, 0.5, 0.1, 0.7, 0.3 }, 0.99, 4)]
    [InlineData(new[] { 0.8, 0.8, 0.8, 0.2 }, 0.5, 0)]
    [InlineData(new[] { 0.8, 0.8, 0.8, 0.2 }, 0.75, 3)]
    [InlineData(new[] { -0.4, -0.4, -0.4, -0.4 }, 0.5, 0)]
    [InlineData(new[] { -1.5, -0.25, -3.0, -0.25, -2.0, -0.25 }, 0.4, 0)]
    [InlineData(new[] { -1.5, -0.25, -3.0, -0.25, -2.0, -0.25 }, 0.5, 3)]
    public void ClosenessThreshold_SeveralRatesAndTies_IsTheLowestThresholdWithinTheRate(double[] strangers, double rate, int expectedAccepted)
    {
        // When the threshold is set at the rate
        double t = OpenSetEvaluator.ClosenessThreshold(strangers, rate);

        // Then it accepts the expected number of strangers, no more than ⌊rate · S⌋ ...
        int accepted = strangers.Count(s => s >= t);
        Assert.Equal(expectedAccepted, accepted);
        Assert.True(accepted <= Math.Floor(rate * strangers.Length));

        // ... and it is the lowest such threshold: one step lower would accept more than the rate allows
        int acceptedOneStepLower = strangers.Count(s => s >= Math.BitDecrement(t));
        Assert.True(acceptedOneStepLower > Math.Floor(rate * strangers.Length), $"t = {t} accepts {accepted}, one step lower {acceptedOneStepLower}");
    }

    [Fact]
    public void ClosenessThreshold_RateOne_AcceptsEveryone()
    {
        Assert.Equal(double.NegativeInfinity, OpenSetEvaluator.ClosenessThreshold([0.3, 0.1], 1.0));
    }

    [Theory]
    [InlineData("l2", 1, 2)]
    [InlineData("l2", 2, 3)]
    [InlineData("cosine", 1, 2)]
    public void Evaluate_RandomEmbeddings_MatchesLoopOracleAtTheModelThreshold(string distanceName, int shots, int known)
    {
        // Given random embeddings of 6 classes x 7, and trials replayed from a sampler with the evaluator's seed
        // (every class takes part in each trial; the first `known` of the drawn order are enrolled)
        var rows = RandomMatrix(42, 3, seed: 61);
        var labels = Enumerable.Range(0, 42).Select(i => i % 6).ToArray();
        var distance = Distance.FromName(distanceName);
        var options = new OpenSetOptions { KnownClasses = known, Shots = shots, ProbesPerClass = 3, Trials = 30, Seed = 8, FalseAcceptRate = 0.1 };
        var sampler = new FewShotEpisodeSampler(labels, 6, shots, 3, options.Seed);
        var genuine = new List<(double Closeness, bool Correct)>();
        var strangers = new List<double>();
        for (int t = 0; t < options.Trials; t++)
        {
            var trial = sampler.Next();
            var enrolled = trial.Support[..(known * shots)];
            for (int q = 0; q < trial.Queries.Length; q++)
            {
                var closeness = enrolled.Select(i => OracleCloseness(distanceName, rows[trial.Queries[q]], rows[i])).ToArray();
                int nearest = Array.IndexOf(closeness, closeness.Max());
                if (trial.QueryClasses[q] < known)
                {
                    genuine.Add((closeness[nearest], nearest / shots == trial.QueryClasses[q]));
                }
                else
                {
                    strangers.Add(closeness[nearest]);
                }
            }
        }

        // A model threshold halfway between two middle closeness values, in model units (a distance for L2)
        var sorted = genuine.Select(g => g.Closeness).Concat(strangers).Order().ToArray();
        double closenessThreshold = (sorted[sorted.Length / 2] + sorted[(sorted.Length / 2) + 1]) / 2;
        bool largerIsCloser = distanceName == "cosine";
        double modelValue = largerIsCloser ? closenessThreshold : -closenessThreshold;

        // When evaluated with that threshold
        using var e = ToTensor(rows);
        var report = OpenSetEvaluator.Evaluate(e, labels, distance, options, Threshold(modelValue, largerIsCloser));

        // Then the counts, the rank-1 accuracy and the figures at the model threshold are the loops'
        int identified = genuine.Count(g => g.Correct && g.Closeness >= closenessThreshold);
        int falseAccepts = strangers.Count(s => s >= closenessThreshold);
        Assert.Equal((known, 6 - known, shots, 30), (report.KnownClasses, report.StrangerClasses, report.Shots, report.Trials));
        Assert.Equal(genuine.Count, report.GenuineProbes);
        Assert.Equal(30 * known * 3, report.GenuineProbes);
        Assert.Equal(30 * (6 - known) * 3, report.StrangerProbes);
        Assert.Equal(genuine.Count(g => g.Correct) / (double)genuine.Count, report.Rank1Accuracy, 12);
        var atModel = report.AtModelThreshold!;
        Assert.Equal(modelValue, atModel.Threshold, 12);
        Assert.Equal(identified / (double)genuine.Count, atModel.DetectionIdentificationRate, 12);
        Assert.Equal(falseAccepts / (double)strangers.Count, atModel.FalseAcceptRate, 12);
        Assert.Equal((identified + strangers.Count - falseAccepts) / (double)(genuine.Count + strangers.Count), atModel.Accuracy, 12);
        Assert.InRange(atModel.FalseAcceptRate, 0.05, 0.95);

        // And at the target rate no more than 10% of strangers are accepted
        Assert.Equal(0.1, report.TargetFalseAcceptRate);
        Assert.True(report.FalseAcceptRate <= 0.1);
        Assert.True(report.FalseAcceptRate > 0.05, $"FAR {report.FalseAcceptRate}: the threshold is not the lowest within the rate");
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("cosine")]
    public void Evaluate_SeparatedClusters_IdentifiesEveryGenuineProbeAndRejectsStrangers(string distanceName)
    {
        // Given 8 tight clusters far apart
        var (rows, labels) = Clusters(classes: 8, perClass: 8, seed: 1);
        using var e = ToTensor(rows);

        // When evaluated with 3 enrolled classes at a 1% false-accept rate
        var report = OpenSetEvaluator.Evaluate(e, labels, Distance.FromName(distanceName), new OpenSetOptions { KnownClasses = 3, ProbesPerClass = 3, Trials = 50 });

        // Then every genuine probe is identified and accepted, at most 1% of strangers get in, and almost every answer is right
        Assert.Equal(1.0, report.Rank1Accuracy);
        Assert.Equal(1.0, report.DetectionIdentificationRate);
        Assert.True(report.FalseAcceptRate <= 0.01);
        Assert.True(report.Accuracy >= 0.99);
        Assert.Equal((450, 750), (report.GenuineProbes, report.StrangerProbes));
        Assert.Null(report.AtModelThreshold);

        // And the threshold is in model units: a distance of about 14 between clusters for L2, a cosine near 0 for cosine
        if (distanceName == "l2")
        {
            Assert.InRange(report.Threshold, 1, 15);
        }
        else
        {
            Assert.InRange(report.Threshold, -0.1, 0.9);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0, 1.0, 1.0)]
    [InlineData(1000.0, 1.0, 1.0, 450 / 1200.0)]
    [InlineData(0.0001, 0.0, 0.0, 750 / 1200.0)]
    public void Evaluate_DistanceModelThreshold_AcceptsScoresAtOrBelowIt(double value, double far, double dir, double accuracy)
    {
        // Given separated clusters (probes within 0.3 of their enrolled example, strangers about 14 away) and an L2 threshold
        var (rows, labels) = Clusters(classes: 8, perClass: 8, seed: 2);
        using var e = ToTensor(rows);

        // When evaluated with the model's threshold
        var report = OpenSetEvaluator.Evaluate(e, labels, new L2Distance(), new OpenSetOptions { KnownClasses = 3, ProbesPerClass = 3, Trials = 50 }, Threshold(value, largerIsCloser: false));

        // Then the point is reported in distance units, accepting the probes whose distance is at most the threshold
        var point = report.AtModelThreshold!;
        Assert.Equal(value, point.Threshold, 12);
        Assert.Equal(far, point.FalseAcceptRate);
        Assert.Equal(dir, point.DetectionIdentificationRate);
        Assert.Equal(accuracy, point.Accuracy, 12);
    }

    [Theory]
    [InlineData(0.9, 0.0, 1.0)]
    [InlineData(-1.01, 1.0, 1.0)]
    [InlineData(1.01, 0.0, 0.0)]
    public void Evaluate_SimilarityModelThreshold_AcceptsScoresAtOrAboveIt(double value, double far, double dir)
    {
        // Given separated clusters along orthogonal axes: cosines near 1 within a class, near 0 between classes
        var (rows, labels) = Clusters(classes: 8, perClass: 8, seed: 3);
        using var e = ToTensor(rows);

        // When evaluated with a cosine threshold
        var report = OpenSetEvaluator.Evaluate(e, labels, new CosineSimilarity(), new OpenSetOptions { KnownClasses = 2, Trials = 40 }, Threshold(value, largerIsCloser: true));

        // Then the point is reported in cosine units, accepting the probes whose cosine is at least the threshold
        var point = report.AtModelThreshold!;
        Assert.Equal(value, point.Threshold, 12);
        Assert.Equal(far, point.FalseAcceptRate);
        Assert.Equal(dir, point.DetectionIdentificationRate);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Evaluate_NoClassesLeftForStrangers_Throws(int known)
    {
        var (rows, labels) = Clusters(classes: 3, perClass: 8, seed: 4);
        using var e = ToTensor(rows);

        var ex = Assert.Throws<ArgumentException>(() => OpenSetEvaluator.Evaluate(e, labels, new L2Distance(), new OpenSetOptions { KnownClasses = known }));

        Assert.Contains($"{known} enrolled classes", ex.Message);
        Assert.Contains("has 3", ex.Message);
    }

    [Fact]
    public void Evaluate_MismatchedLabels_Throws()
    {
        var (rows, labels) = Clusters(classes: 4, perClass: 8, seed: 5);
        using var e = ToTensor(rows);

        Assert.Throws<ArgumentException>(() => OpenSetEvaluator.Evaluate(e, labels[1..], new L2Distance(), new OpenSetOptions()));
    }

    [Theory]
    [InlineData(0, 1, 1, 1, 0.01)]
    [InlineData(2, 0, 1, 1, 0.01)]
    [InlineData(2, 1, 0, 1, 0.01)]
    [InlineData(2, 1, 1, 0, 0.01)]
    [InlineData(2, 1, 1, 1, 1.0)]
    [InlineData(2, 1, 1, 1, -0.1)]
    [InlineData(2, 1, 1, 1, double.NaN)]
    public void Validate_InvalidOptions_Throws(int known, int shots, int probes, int trials, double rate)
    {
        var options = new OpenSetOptions { KnownClasses = known, Shots = shots, ProbesPerClass = probes, Trials = trials, FalseAcceptRate = rate };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
