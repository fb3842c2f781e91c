namespace Siamese.Evaluation.Metrics;

/// <summary>The true accept rate reachable without exceeding a target false accept rate.</summary>
/// <param name="TargetFar">The FAR that must not be exceeded.</param>
/// <param name="Tar">The highest TAR among thresholds whose FAR is ≤ <paramref name="TargetFar"/>.</param>
/// <param name="Threshold">The threshold that reaches <paramref name="Tar"/> (same convention as <see cref="RocPoint.Threshold"/>).</param>
/// <param name="AchievedFar">The FAR actually measured at <paramref name="Threshold"/>; never above <paramref name="TargetFar"/>.</param>
public sealed record TarAtFarPoint(double TargetFar, double Tar, double Threshold, double AchievedFar);
