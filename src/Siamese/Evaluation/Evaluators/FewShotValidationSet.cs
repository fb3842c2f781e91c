using Siamese.Inputs;
using Siamese.Networks;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Held-out labelled items measured by N-way K-shot accuracy (<see cref="FewShotEvaluator"/>) over one embedding pass:
/// the figure of one-shot learning, to keep the epoch that recognises unseen classes best.
/// </summary>
/// <param name="Inputs">The items (usually of classes held out of training).</param>
/// <param name="Labels">Each item's class.</param>
/// <param name="Options">Ways, shots, queries, episodes and their seed.</param>
public sealed record FewShotValidationSet(IInputSource Inputs, int[] Labels, FewShotOptions Options) : IEvaluator
{
    /// <inheritdoc />
    public string Name => "few-shot";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.FewShot;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [MetricNames.FewShot];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is a <see cref="FewShotReport"/>.</summary>
    /// <exception cref="ArgumentException">Too few classes or items per class for the episodes.</exception>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var scope = NewDisposeScope();
        var report = FewShotEvaluator.Evaluate(ItemEmbeddings.Of(network, Inputs, Labels.Length), Labels, network.Distance, Options);
        return new EvaluationResult(new Dictionary<string, double> { [MetricNames.FewShot] = report.Accuracy }, report);
    }
}
