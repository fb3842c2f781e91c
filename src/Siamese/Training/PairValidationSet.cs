using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Metrics;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Training;

/// <summary>
/// Fixed held-out pairs on which the trainer validates after each epoch and the threshold is calibrated: an
/// <see cref="IEvaluator"/> giving AUC (its primary metric), EER and best accuracy, and the Spearman correlation
/// with graded targets (then its primary metric).
/// </summary>
/// <param name="Inputs">The inputs the pairs index into (a <see cref="TwoSidedInputSource"/> sends each side through its branch).</param>
/// <param name="Pairs">The pairs; drawn once, so every epoch is validated on the same ones.</param>
public sealed record PairValidationSet(IInputSource Inputs, PairIndices Pairs) : IEvaluator
{
    private const int Chunk = 512;

    /// <summary>
    /// Graded targets in [0, 1], one per pair, or null for binary pairs. With targets the trainer also reports the
    /// Spearman correlation of the scores with them (and can select epochs by it); the pairs' relations then
    /// stand for target ≥ 0.5.
    /// </summary>
    public float[]? Targets
    {
        get => targets;
        init
        {
            if (value is not null && value.Length != Pairs.Count)
            {
                throw new ArgumentException($"{value.Length} targets for {Pairs.Count} validation pairs");
            }

            targets = value;
        }
    }

    private readonly float[]? targets;

    /// <inheritdoc />
    public string Name => "pairs";

    /// <inheritdoc />
    public string PrimaryMetric => targets is null ? MetricNames.Auc : MetricNames.Spearman;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => targets is null ? [MetricNames.Auc, MetricNames.Eer, MetricNames.Accuracy] : [MetricNames.Auc, MetricNames.Eer, MetricNames.Accuracy, MetricNames.Spearman];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Scores the pairs once; the report is a <see cref="PairScoresReport"/> (the ROC figures are NaN when the pairs are all of one kind).</summary>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        float[] scores = Scores(network);
        bool[] isSame = Pairs.IsSame();
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Auc] = double.NaN, [MetricNames.Eer] = double.NaN, [MetricNames.Accuracy] = double.NaN,
        };
        if (targets is not null)
        {
            metrics[MetricNames.Spearman] = CorrelationMetrics.Spearman(Array.ConvertAll(scores, s => (double)s), Array.ConvertAll(targets, v => (double)v));
        }

        VerificationReport? verification = null;
        if (isSame.Contains(true) && isSame.Contains(false))
        {
            verification = VerificationMetrics.Evaluate(scores, isSame, network.Distance.LargerIsCloser);
            metrics[MetricNames.Auc] = verification.Auc;
            metrics[MetricNames.Eer] = verification.Eer;
            metrics[MetricNames.Accuracy] = verification.BestAccuracy;
        }

        return new EvaluationResult(metrics, new PairScoresReport(scores, isSame, targets, verification));
    }

    /// <summary>
    /// Each pair's score under <paramref name="network"/>, in evaluation mode without gradients,
    /// in chunks with a dispose scope each; the network's training mode is restored afterwards.
    /// </summary>
    public float[] Scores(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var scores = new float[Pairs.Count];
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = no_grad();
            for (int start = 0; start < Pairs.Count; start += Chunk)
            {
                using var scope = NewDisposeScope();
                int length = Math.Min(Chunk, Pairs.Count - start);
                var left = network.EmbedItems(Inputs, Pairs.Left.AsSpan(start, length), forComparison: true);
                var right = network.EmbedItems(Inputs, Pairs.Right.AsSpan(start, length), forComparison: true);
                network.Distance.Paired(left, right).data<float>().CopyTo(scores, start);
            }
        }
        finally
        {
            network.train(wasTraining);
        }

        return scores;
    }
}
