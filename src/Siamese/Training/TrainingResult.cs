namespace Siamese.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="Epochs">One summary per epoch run.</param>
/// <param name="BestEpoch">One-based epoch whose weights the network holds at the end (the last one when not keeping the best).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run before the planned epochs.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="ExamplesPerSecond">Training throughput in inputs embedded per second (a pair counts two), validation excluded.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochSummary> Epochs,
    int BestEpoch,
    bool StoppedEarly,
    TimeSpan Elapsed,
    double ExamplesPerSecond);
