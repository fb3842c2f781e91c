using Siamese.Calibration;
using Siamese.Inputs;
using Siamese.Networks;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Held-out labelled items measured by open-set identification (<see cref="OpenSetEvaluator"/>: some classes enrolled,
/// the others strangers to reject) over one embedding pass. Its primary figure is the share of probes answered right.
/// </summary>
/// <param name="Inputs">The items.</param>
/// <param name="Labels">Each item's class.</param>
/// <param name="Options">Classes enrolled and rejected, shots, trials, the target false-accept rate and the seed.</param>
/// <param name="Threshold">The model's calibrated threshold to measure at as well, or null.</param>
public sealed record OpenSetValidationSet(IInputSource Inputs, int[] Labels, OpenSetOptions Options, DecisionThreshold? Threshold = null) : IEvaluator
{
    /// <inheritdoc />
    public string Name => "open-set";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.OpenSetAccuracy;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [MetricNames.OpenSetAccuracy, MetricNames.OpenSetRank1];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is an <see cref="OpenSetReport"/>.</summary>
    /// <exception cref="ArgumentException">Too few classes or items per class for the trials.</exception>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var scope = NewDisposeScope();
        var report = OpenSetEvaluator.Evaluate(ItemEmbeddings.Of(network, Inputs, Labels.Length), Labels, network.Distance, Options, Threshold);
        return new EvaluationResult(
            new Dictionary<string, double> { [MetricNames.OpenSetAccuracy] = report.Accuracy, [MetricNames.OpenSetRank1] = report.Rank1Accuracy },
            report);
    }
}
