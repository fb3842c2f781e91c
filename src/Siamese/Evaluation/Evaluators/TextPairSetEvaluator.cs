using Siamese.Calibration;
using Siamese.Data;
using Siamese.Networks;
using Siamese.Text;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// A text model measured on labelled text pairs (<see cref="TextPairEvaluator"/>: correlation for graded pairs, ROC
/// figures for binary ones, matching for both), each distinct text embedded once. Primary figure: Spearman for graded
/// pairs, AUC otherwise.
/// </summary>
/// <param name="Set">The pairs.</param>
/// <param name="Tokenizer">The tokenizer the model was trained with.</param>
/// <param name="Threshold">A threshold calibrated on validation pairs for the accuracy figures, or null.</param>
/// <param name="MaxQueries">At most this many positive pairs become matching queries; 0 skips matching.</param>
public sealed record TextPairSetEvaluator(TextPairSet Set, TokenizerSettings Tokenizer, DecisionThreshold? Threshold = null, int MaxQueries = 2000) : IEvaluator
{
    /// <inheritdoc />
    public string Name => "text-pairs";

    /// <inheritdoc />
    public string PrimaryMetric => Set.IsGraded ? MetricNames.Spearman : MetricNames.Auc;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [
        .. Set.IsGraded ? new[] { MetricNames.Pearson, MetricNames.Spearman } : [],
        MetricNames.Auc, MetricNames.Eer,
        .. Threshold is null ? Array.Empty<string>() : [MetricNames.Accuracy],
        .. MaxQueries > 0 ? new[] { MetricNames.MatchPrecisionAt1, MetricNames.MeanReciprocalRank } : [],
    ];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is a <see cref="TextPairReport"/>.</summary>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);

        // The scorer embeds through TextEmbedder, which switches to evaluation mode and back.
        var report = TextPairEvaluator.Evaluate(Set, new ModelTextScorer(network, new HashingTokenizer(Tokenizer)), Threshold, MaxQueries);
        var metrics = new Dictionary<string, double>();
        if (report.Correlation is { } correlation)
        {
            metrics[MetricNames.Pearson] = correlation.Pearson;
            metrics[MetricNames.Spearman] = correlation.Spearman;
        }

        metrics[MetricNames.Auc] = report.Verification?.Auc ?? double.NaN;
        metrics[MetricNames.Eer] = report.Verification?.Eer ?? double.NaN;
        if (report.ThresholdAccuracy is { } accuracy)
        {
            metrics[MetricNames.Accuracy] = accuracy;
        }

        if (report.Matching is { } matching)
        {
            metrics[MetricNames.MatchPrecisionAt1] = matching.PrecisionAt1;
            metrics[MetricNames.MeanReciprocalRank] = matching.MeanReciprocalRank;
        }

        return new EvaluationResult(metrics, report);
    }
}
