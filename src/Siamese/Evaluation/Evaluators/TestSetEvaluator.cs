using Siamese.Calibration;
using Siamese.Data;
using Siamese.Networks;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// A model measured on labelled test images as <c>siamese evaluate</c> reports it, the test images embedded once for
/// all of it: verification on balanced random pairs (AUC, its primary metric, EER, TAR at FAR, the stored threshold's
/// accuracy), k-NN against a gallery and leave-one-out retrieval (1-NN, MAP@R) when there is a gallery, N-way K-shot
/// episodes and open-set identification over the test classes (each skipped, with its reason in the report, when the
/// classes are too few or too small), and the embeddings of chosen rows for a map.
/// </summary>
/// <param name="Test">The labelled test images.</param>
/// <param name="Gallery">Labelled reference images for the k-NN vote (usually the training images of the same classes), or null.</param>
/// <param name="Normalization">The input normalisation the model was trained with.</param>
public sealed record TestSetEvaluator(LabeledImageSet Test, LabeledImageSet? Gallery, InputNormalization Normalization) : IEvaluator
{
    /// <summary>Balanced verification pairs drawn from the test images (half genuine); at least 2.</summary>
    public int PairCount { get; init; } = 10000;

    /// <summary>Seed of the pair draw.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gallery neighbours in the k-NN vote.</summary>
    public int K { get; init; } = 1;

    /// <summary>The model's calibrated threshold, whose accuracy on the pairs and in open-set trials is reported; or null.</summary>
    public DecisionThreshold? Threshold { get; init; }

    /// <summary>Episode shape; null: min(5, classes)-way 1-shot with <see cref="Seed"/>.</summary>
    public FewShotOptions? FewShot { get; init; }

    /// <summary>Open-set trial shape; null: half the classes known, with <see cref="Seed"/>.</summary>
    public OpenSetOptions? OpenSet { get; init; }

    /// <summary>Test rows whose normalised embeddings go into the report for a map (<see cref="TestSetReport.MapEmbeddings"/>).</summary>
    public IReadOnlyList<int> MapRows { get; init; } = [];

    /// <summary>Receives the number of images embedded so far (test, then gallery): the bulk of the work.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <inheritdoc />
    public string Name => "test-set";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Auc;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [MetricNames.Auc, MetricNames.Eer, MetricNames.Accuracy, MetricNames.NearestNeighbor, MetricNames.MapAtR, MetricNames.FewShot, MetricNames.OpenSetAccuracy, MetricNames.OpenSetRank1];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is a <see cref="TestSetReport"/>.</summary>
    /// <exception cref="ArgumentException">The pair count is below 2, or the test set has fewer than two classes to pair.</exception>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var scope = NewDisposeScope();
        var embedded = TwinEvaluator.EmbedAll(network, Test, Normalization, progress: Progress);
        var verification = TwinEvaluator.Evaluate(network, Test, embedded, Gallery, Normalization, PairCount, Seed, Threshold, K,
            Progress is null ? null : new OffsetProgress(done => Progress.Report(Test.Count + done)));
        var skipped = new List<(string, string)>();
        FewShotReport? fewShot = null;
        if (Test.ClassCount >= 2)
        {
            var options = FewShot ?? new FewShotOptions { Way = Math.Min(5, Test.ClassCount), Seed = Seed };
            fewShot = Optional("few-shot episodes", skipped, () => FewShotEvaluator.Evaluate(embedded, Test.Labels, network.Distance, options));
        }

        var openOptions = OpenSet ?? new OpenSetOptions { KnownClasses = Math.Max(1, Test.ClassCount / 2), Seed = Seed };
        OpenSetReport? openSet = Test.ClassCount > openOptions.KnownClasses
            ? Optional("open-set identification", skipped, () => OpenSetEvaluator.Evaluate(embedded, Test.Labels, network.Distance, openOptions, Threshold))
            : null;
        float[] map = [];
        if (MapRows.Count > 0)
        {
            var chosen = embedded.index_select(0, tensor(MapRows.Select(i => (long)i).ToArray()));
            map = nn.functional.normalize(chosen, p: 2, dim: 1).data<float>().ToArray();
        }

        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Auc] = verification.Verification.Auc,
            [MetricNames.Eer] = verification.Verification.Eer,
            [MetricNames.Accuracy] = verification.Verification.BestAccuracy,
            [MetricNames.NearestNeighbor] = verification.Embeddings?.Retrieval.PrecisionAt1 ?? double.NaN,
            [MetricNames.MapAtR] = verification.Embeddings?.Retrieval.MapAtR ?? double.NaN,
            [MetricNames.FewShot] = fewShot?.Accuracy ?? double.NaN,
            [MetricNames.OpenSetAccuracy] = openSet?.Accuracy ?? double.NaN,
            [MetricNames.OpenSetRank1] = openSet?.Rank1Accuracy ?? double.NaN,
        };
        return new EvaluationResult(metrics, new TestSetReport
        {
            Verification = verification, FewShot = fewShot, OpenSet = openSet, Skipped = skipped, MapEmbeddings = map,
        });
    }

    /// <summary>Runs a part the data may be too small for; its refusal is recorded as the reason it was skipped.</summary>
    private static T? Optional<T>(string part, List<(string, string)> skipped, Func<T> work)
        where T : class
    {
        try
        {
            return work();
        }
        catch (ArgumentException ex)
        {
            skipped.Add((part, ex.Message.Split('\n')[0]));
            return null;
        }
    }

    private sealed class OffsetProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
