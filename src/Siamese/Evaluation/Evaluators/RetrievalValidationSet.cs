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
    private const int Chunk = 512;

    /// <inheritdoc />
    public string Name => "retrieval";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.NearestNeighbor;

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is a <see cref="RetrievalReport"/>, or null (and NaN figures) when no class has two items.</summary>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (Labels.Length != Inputs.Count)
        {
            throw new InvalidOperationException($"{Labels.Length} labels for {Inputs.Count} validation items");
        }

        if (Labels.CountBy(l => l).All(c => c.Value < 2))
        {
            return new EvaluationResult(new Dictionary<string, double> { [MetricNames.NearestNeighbor] = double.NaN, [MetricNames.MapAtR] = double.NaN }, null);
        }

        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var items = Enumerable.Range(0, Labels.Length).ToArray();
            var chunks = new List<Tensor>();
            for (int start = 0; start < items.Length; start += Chunk)
            {
                chunks.Add(network.EmbedItems(Inputs, items.AsSpan(start, Math.Min(Chunk, items.Length - start)), forComparison: true));
            }

            var report = EmbeddingEvaluator.EvaluateRetrieval(cat(chunks, 0), Labels, network.Distance);
            return new EvaluationResult(
                new Dictionary<string, double> { [MetricNames.NearestNeighbor] = report.PrecisionAt1, [MetricNames.MapAtR] = report.MapAtR },
                report);
        }
        finally
        {
            network.train(wasTraining);
        }
    }
}
