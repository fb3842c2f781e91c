namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Open-set identification: how often a probe of an enrolled class is identified correctly and accepted, while
/// probes of strangers are turned away as "unknown".
/// </summary>
/// <param name="KnownClasses">Classes enrolled per trial.</param>
/// <param name="StrangerClasses">Classes per trial whose probes must be rejected.</param>
/// <param name="Shots">Examples enrolled per known class.</param>
/// <param name="Trials">Trials run.</param>
/// <param name="GenuineProbes">Probes of enrolled classes, over all trials.</param>
/// <param name="StrangerProbes">Probes of strangers, over all trials.</param>
/// <param name="Rank1Accuracy">Closed-set: share of genuine probes whose nearest enrolled class is their own.</param>
/// <param name="TargetFalseAcceptRate">The false-accept rate the threshold was set at.</param>
/// <param name="Threshold">Score threshold (model units) reaching at most that rate on the stranger probes.</param>
/// <param name="FalseAcceptRate">Share of stranger probes accepted at <paramref name="Threshold"/>.</param>
/// <param name="DetectionIdentificationRate">Share of genuine probes identified correctly and accepted at <paramref name="Threshold"/> (DIR).</param>
/// <param name="Accuracy">Share of all probes answered right at <paramref name="Threshold"/>: the correct class for genuine probes, "unknown" for strangers.</param>
/// <param name="AtModelThreshold">The same figures at the model's calibrated threshold, when it has one.</param>
public sealed record OpenSetReport(
    int KnownClasses,
    int StrangerClasses,
    int Shots,
    int Trials,
    int GenuineProbes,
    int StrangerProbes,
    double Rank1Accuracy,
    double TargetFalseAcceptRate,
    double Threshold,
    double FalseAcceptRate,
    double DetectionIdentificationRate,
    double Accuracy,
    OpenSetOperatingPoint? AtModelThreshold);
