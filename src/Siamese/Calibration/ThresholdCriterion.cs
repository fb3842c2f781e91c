using System.Globalization;

namespace Siamese.Calibration;

/// <summary>
/// The rule <see cref="ThresholdCalibrator"/> uses to choose a decision threshold: best accuracy, or the
/// highest true accept rate at a false accept rate no greater than a target. Create with
/// <see cref="BestAccuracy"/>, <see cref="TargetFalseAcceptRate"/> or <see cref="Parse"/>.
/// </summary>
public sealed record ThresholdCriterion
{
    private ThresholdCriterion(ThresholdCriterionKind kind, double? targetFar)
    {
        Kind = kind;
        TargetFar = targetFar;
    }

    /// <summary>Which rule this is.</summary>
    public ThresholdCriterionKind Kind { get; }

    /// <summary>The false accept rate not to exceed, in (0, 1), for <see cref="ThresholdCriterionKind.TargetFalseAcceptRate"/>; otherwise null.</summary>
    public double? TargetFar { get; }

    /// <summary>Stable text form, as stored in <see cref="DecisionThreshold.Criterion"/>: "best-accuracy" or "far&lt;=0.001".</summary>
    public string Description => Kind == ThresholdCriterionKind.BestAccuracy
        ? "best-accuracy"
        : "far<=" + TargetFar!.Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Choose the threshold that decides the most calibration pairs correctly.</summary>
    public static ThresholdCriterion BestAccuracy { get; } = new(ThresholdCriterionKind.BestAccuracy, null);

    /// <summary>Choose the threshold that accepts the most genuine pairs with a false accept rate ≤ <paramref name="far"/>.</summary>
    /// <param name="far">The target false accept rate, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="far"/> is not strictly between 0 and 1.</exception>
    public static ThresholdCriterion TargetFalseAcceptRate(double far)
    {
        if (!(far > 0 && far < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(far), far, $"the target false accept rate must be strictly between 0 and 1, got {far.ToString(CultureInfo.InvariantCulture)}");
        }

        return new ThresholdCriterion(ThresholdCriterionKind.TargetFalseAcceptRate, far);
    }

    /// <summary>
    /// Reads a criterion from text such as a command-line option: "accuracy" (or "best-accuracy") for
    /// <see cref="BestAccuracy"/>, "far=0.001" (or "far&lt;=0.001", any invariant-culture number) for
    /// <see cref="TargetFalseAcceptRate"/>. Case and surrounding spaces are ignored, so
    /// <see cref="Description"/> parses back to an equal criterion.
    /// </summary>
    /// <param name="text">The text to read.</param>
    /// <exception cref="ArgumentException">The text is not one of the forms above, or the FAR is not strictly between 0 and 1.</exception>
    public static ThresholdCriterion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim().ToLowerInvariant();
        if (trimmed is "accuracy" or "best-accuracy")
        {
            return BestAccuracy;
        }

        string? number = trimmed.StartsWith("far<=", StringComparison.Ordinal) ? trimmed[5..]
            : trimmed.StartsWith("far=", StringComparison.Ordinal) ? trimmed[4..]
            : null;
        if (number is null || !double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double far))
        {
            throw new ArgumentException(
                $"unknown threshold criterion '{text}'; expected 'accuracy' or 'far=<rate>' with 0 < rate < 1, e.g. 'far=0.001'", nameof(text));
        }

        if (!(far > 0 && far < 1))
        {
            throw new ArgumentException(
                $"threshold criterion '{text}': the false accept rate must be strictly between 0 and 1", nameof(text));
        }

        return TargetFalseAcceptRate(far);
    }

    /// <summary>Returns <see cref="Description"/>.</summary>
    public override string ToString() => Description;
}
