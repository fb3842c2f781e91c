namespace Siamese.Training;

/// <summary>How the learning rate changes over training.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant.</summary>
    Constant,

    /// <summary>Multiplied by <see cref="TrainerOptions.StepDecayFactor"/> every <see cref="TrainerOptions.StepDecayEpochs"/> epochs.</summary>
    Step,

    /// <summary>Cosine annealing from the initial rate to zero at the last step, after a short linear warm-up.</summary>
    Cosine,
}
