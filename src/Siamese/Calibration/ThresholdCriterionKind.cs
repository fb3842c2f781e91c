namespace Siamese.Calibration;

/// <summary>How <see cref="ThresholdCalibrator"/> chooses a decision threshold.</summary>
public enum ThresholdCriterionKind
{
    /// <summary>The threshold that decides the most calibration pairs correctly.</summary>
    BestAccuracy,

    /// <summary>The threshold accepting the most genuine pairs while keeping the false accept rate at or below a target.</summary>
    TargetFalseAcceptRate,
}
