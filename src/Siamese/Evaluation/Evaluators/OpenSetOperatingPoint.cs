namespace Siamese.Evaluation.Evaluators;

/// <summary>Open-set identification figures at one threshold.</summary>
/// <param name="Threshold">The score threshold (model units).</param>
/// <param name="FalseAcceptRate">Share of stranger probes accepted as some enrolled class.</param>
/// <param name="DetectionIdentificationRate">Share of genuine probes identified correctly and accepted.</param>
/// <param name="Accuracy">Share of all probes answered right (the correct class, or "unknown" for strangers).</param>
public sealed record OpenSetOperatingPoint(double Threshold, double FalseAcceptRate, double DetectionIdentificationRate, double Accuracy);
