using Siamese.Networks;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Several evaluators as one: their figures together (each name given by one of them) and their reports as a list.
/// The primary metric is the one named at construction, or the first evaluator's.
/// </summary>
public sealed class EvaluatorSequence : IEvaluator
{
    private readonly IEvaluator[] parts;

    /// <summary>Joins <paramref name="parts"/>; <paramref name="primary"/> names the primary metric, or null for the first part's.</summary>
    /// <exception cref="ArgumentException">No parts, or two that give a figure of the same name.</exception>
    public EvaluatorSequence(string? primary, params IEvaluator[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0 || parts.Any(p => p is null))
        {
            throw new ArgumentException("an evaluator sequence needs at least one evaluator, none null", nameof(parts));
        }

        if (parts.SelectMany(p => p.Metrics).CountBy(m => m).FirstOrDefault(c => c.Value > 1) is { Key: { } twice })
        {
            throw new ArgumentException($"the evaluators {string.Join("+", parts.Select(p => p.Name))} both give '{twice}'", nameof(parts));
        }

        this.parts = parts;
        PrimaryMetric = primary ?? parts[0].PrimaryMetric;
    }

    /// <summary>The evaluators, in order.</summary>
    public IReadOnlyList<IEvaluator> Parts => parts;

    /// <inheritdoc />
    public string Name => string.Join("+", parts.Select(p => p.Name));

    /// <inheritdoc />
    public string PrimaryMetric { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [.. parts.SelectMany(p => p.Metrics)];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => parts.All(p => p.GreaterIsBetter(metric));

    /// <summary>Evaluates every part; the report is the list of the parts' reports.</summary>
    /// <exception cref="InvalidOperationException">Two parts give a figure of the same name.</exception>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        var metrics = new Dictionary<string, double>();
        var reports = new List<object?>();
        foreach (var part in parts)
        {
            var result = part.Evaluate(network);
            foreach (var (name, value) in result.Metrics)
            {
                if (!metrics.TryAdd(name, value))
                {
                    throw new InvalidOperationException($"the evaluators {Name} both give '{name}'");
                }
            }

            reports.Add(result.Report);
        }

        return new EvaluationResult(metrics, reports);
    }
}
