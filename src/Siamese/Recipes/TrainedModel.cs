using Siamese.Persistence;
using Siamese.Sources;
using Siamese.Training;

namespace Siamese.Recipes;

/// <summary>What a <see cref="TrainingRun"/> produced: the calibrated model, the run's epochs, and the data it read (with its test part).</summary>
/// <param name="Bundle">The trained, calibrated model (not yet saved).</param>
/// <param name="Result">The epochs and the kept one.</param>
/// <param name="Data">The data the run read, split as the recipe says.</param>
public sealed record TrainedModel(ModelBundle Bundle, TrainingResult Result, DataSplits Data);
