using Siamese.Evaluation.Metrics;
using Siamese.Inputs;
using Siamese.Networks;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Held-out labelled items on which retrieval is measured: every item is embedded once and queries all the others
/// (leave one out), giving nearest-neighbour accuracy ("1nn", its primary metric) and MAP@R. The measure of what
/// N-pair and one-shot training optimise, and of unseen classes when whole classes are held out.
/// </summary>
/// <param name="Inputs">The items.</param>
/// <param name="Labels">Each item's class.</param>
public sealed record RetrievalValidationSet(IInputSource Inputs, int[] Labels) : IEvaluator
{
    /// <inheritdoc />
    public string Name => "retrieval";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.NearestNeighbor;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [MetricNames.NearestNeighbor, MetricNames.MapAtR];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is a <see cref="RetrievalReport"/>, or null (and NaN figures) when no class has two items.</summary>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (Labels.CountBy(l => l).All(c => c.Value < 2))
        {
            return new EvaluationResult(new Dictionary<string, double> { [MetricNames.NearestNeighbor] = double.NaN, [MetricNames.MapAtR] = double.NaN }, null);
        }

        using var scope = NewDisposeScope();
        var report = EmbeddingEvaluator.EvaluateRetrieval(ItemEmbeddings.Of(network, Inputs, Labels.Length), Labels, network.Distance);
        return new EvaluationResult(
            new Dictionary<string, double> { [MetricNames.NearestNeighbor] = report.PrecisionAt1, [MetricNames.MapAtR] = report.MapAtR },
            report);
    }
}
