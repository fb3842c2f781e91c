using Siamese.Data;
using Siamese.Networks;
using Siamese.Persistence;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Fixed one-shot trials replayed (<see cref="EpisodeFile"/>s): every image of every trial embedded once, each file
/// scored by <see cref="EpisodeFileEvaluator"/>. Primary metric: the accuracy over all trials ("few-shot").
/// </summary>
/// <param name="Files">Each file's name and its trials.</param>
/// <param name="Input">The shape and normalisation the model's images take.</param>
public sealed record EpisodeReplayEvaluator(IReadOnlyList<(string File, IReadOnlyList<EpisodeTrial> Trials)> Files, ImageInput Input) : IEvaluator
{
    /// <inheritdoc />
    public string Name => "episodes";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.FewShot;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [MetricNames.FewShot];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Every distinct image path of the trials, in first-seen order.</summary>
    public IReadOnlyList<string> Paths => [.. Files.SelectMany(f => f.Trials).SelectMany(t => t.Candidates.Prepend(t.Query)).Distinct()];

    /// <summary>Evaluates; the report is the list of <see cref="EpisodeFileReport"/>s, one per file.</summary>
    /// <exception cref="DataFormatException">An image is missing or cannot be decoded.</exception>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var paths = Paths;
        var rowOf = paths.Select((path, row) => (path, row)).ToDictionary(x => x.path, x => x.row);
        using var scope = NewDisposeScope();
        var images = LabeledImageSet.FromImageFiles(paths, Input.Channels, Input.Height, Input.Width);
        var embeddings = TwinEvaluator.EmbedAll(network, images, Input.Normalization);
        var reports = Files.Select(f => EpisodeFileEvaluator.Evaluate(f.File, f.Trials, embeddings, rowOf, network.Distance)).ToArray();
        int trials = reports.Sum(r => r.Trials);
        double accuracy = trials == 0 ? double.NaN : reports.Sum(r => r.Correct) / (double)trials;
        return new EvaluationResult(new Dictionary<string, double> { [MetricNames.FewShot] = accuracy }, reports);
    }
}
