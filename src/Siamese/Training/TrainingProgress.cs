namespace Siamese.Training;

/// <summary>A progress report from the trainer, sent after every step and every validation.</summary>
/// <param name="Epoch">One-based epoch.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Step">Steps done so far in the run.</param>
/// <param name="TotalSteps">Steps planned in the run.</param>
/// <param name="Loss">Mean training loss over the epoch so far.</param>
/// <param name="LearningRate">Learning rate of the last step.</param>
/// <param name="ExamplesPerSecond">Training throughput over the run so far, in inputs embedded per second (a pair counts two, a triplet three).</param>
/// <param name="Elapsed">Wall time since training started.</param>
/// <param name="Remaining">Estimated wall time to the end, from the throughput so far.</param>
/// <param name="Validation">The epoch's validation result, in the report sent after validating; otherwise null.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int TotalSteps,
    double Loss,
    double LearningRate,
    double ExamplesPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    EpochSummary? Validation);
