using Siamese.Calibration;
using Siamese.Data;
using Siamese.Networks;
using Siamese.Samplers;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// A model measured on explicit image pairs (a pair-list file's): verification (AUC, its primary metric, EER, best
/// accuracy, TAR at FAR) and the stored threshold's accuracy, each image embedded once; no k-NN or retrieval.
/// </summary>
/// <param name="Images">The distinct images the pairs index into.</param>
/// <param name="Pairs">The pairs, with at least one of each relation.</param>
/// <param name="Normalization">The input normalisation the model was trained with.</param>
/// <param name="Threshold">The model's calibrated threshold, or null.</param>
public sealed record PairListEvaluator(LabeledImageSet Images, PairIndices Pairs, InputNormalization Normalization, DecisionThreshold? Threshold = null) : IEvaluator
{
    /// <inheritdoc />
    public string Name => "pair-list";

    /// <inheritdoc />
    public string PrimaryMetric => MetricNames.Auc;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Metrics => [MetricNames.Auc, MetricNames.Eer, MetricNames.Accuracy];

    /// <inheritdoc />
    public bool GreaterIsBetter(string metric) => MetricNames.GreaterIsBetter(metric);

    /// <summary>Evaluates; the report is a <see cref="TwinEvaluationReport"/> without embeddings.</summary>
    public EvaluationResult Evaluate(TwinNetwork network)
    {
        var report = TwinEvaluator.EvaluatePairs(network, Images, Pairs, Normalization, Threshold);
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Auc] = report.Verification.Auc,
            [MetricNames.Eer] = report.Verification.Eer,
            [MetricNames.Accuracy] = report.Verification.BestAccuracy,
        };
        return new EvaluationResult(metrics, report);
    }
}
