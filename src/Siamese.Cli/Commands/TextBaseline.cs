using Siamese.Calibration;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;

namespace Siamese.Cli.Commands;

/// <summary>
/// The TF-IDF baseline set up as the model is: vocabulary and idf from the training texts, threshold calibrated on
/// the validation pairs (when there are any) by the same criterion.
/// </summary>
internal sealed class TextBaseline
{
    public TextBaseline(TextPairSet train, TextPairSet? validation, ThresholdCriterion criterion)
    {
        Scorer = new TfIdfTextScorer([.. train.FirstTexts, .. train.SecondTexts]);
        Threshold = validation is null ? null : TextPairEvaluator.Calibrate(validation, Scorer, criterion);
        FittedOn = $"{train.FirstTexts.Count + train.SecondTexts.Count} training texts";
    }

    /// <summary>The fitted scorer.</summary>
    public ITextPairScorer Scorer { get; }

    /// <summary>Its threshold calibrated on validation pairs, or null.</summary>
    public DecisionThreshold? Threshold { get; }

    /// <summary>What the idf was fitted on.</summary>
    public string FittedOn { get; }
}
