namespace Siamese.Training;

/// <summary>Settings of a training run. <see cref="Validate"/> names the first invalid one.</summary>
public sealed record TrainerOptions
{
    /// <summary>The optimiser (default Adam).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Initial learning rate (default 0.001).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Momentum for SGD (default 0.9; ignored by Adam).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule (default cosine).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Step schedule: epochs between decays (default 5).</summary>
    public int StepDecayEpochs { get; init; } = 5;

    /// <summary>Step schedule: factor applied at each decay (default 0.1).</summary>
    public double StepDecayFactor { get; init; } = 0.1;

    /// <summary>Cosine schedule: steps of linear warm-up from a tenth of the rate (default 100).</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>Number of epochs (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// One-based epoch to start at (default 1). Resuming from a checkpoint of epoch k uses k + 1: the
    /// learning-rate schedule and the pair sequence continue where they were (the optimiser's moment
    /// estimates start afresh).
    /// </summary>
    public int FirstEpoch { get; init; } = 1;

    /// <summary>Optimisation steps per epoch (default 500).</summary>
    public int StepsPerEpoch { get; init; } = 500;

    /// <summary>Pairs per step when training from labels or from an <see cref="Samplers.IPairSampler"/> (default 128); an <see cref="Samplers.IBatchSampler"/> sizes its own batches.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed of weight initialisation, pair sampling and everything else random (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The validation figure that picks the best epoch and drives early stopping, by name (<see cref="Evaluation.Evaluators.MetricNames"/>:
    /// "auc", "eer", "accuracy", "spearman", "1nn", "map@r", "loss"), or null for the validation evaluator's primary
    /// metric (default). Without validation, epochs are judged by the training loss.
    /// </summary>
    public string? Select { get; init; }

    /// <summary>Whether to restore the best epoch's weights at the end (default true).</summary>
    public bool KeepBest { get; init; } = true;

    /// <summary>Stop after this many epochs without improvement; 0 turns early stopping off (default 0).</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Clip the gradients' global L2 norm to this value; 0 turns clipping off (default 0).</summary>
    public double GradientClipNorm { get; init; }

    /// <summary>Optimisation steps in the whole run.</summary>
    public int TotalSteps => Epochs * StepsPerEpoch;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning rate must be a positive number");
        Require(Momentum is >= 0 and < 1, "momentum must be in [0, 1)");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight decay must be 0 or positive");
        Require(StepDecayEpochs >= 1, "step decay epochs must be at least 1");
        Require(StepDecayFactor is > 0 and <= 1, "step decay factor must be in (0, 1]");
        Require(WarmupSteps >= 0, "warm-up steps must be 0 or positive");
        Require(Epochs >= 1, "epochs must be at least 1");
        Require(FirstEpoch >= 1 && FirstEpoch <= Epochs, $"first epoch must be between 1 and the number of epochs ({Epochs})");
        Require(StepsPerEpoch >= 1, "steps per epoch must be at least 1");
        Require((long)Epochs * StepsPerEpoch <= int.MaxValue, $"epochs x steps per epoch must be at most {int.MaxValue} steps");
        Require(BatchSize >= 2, "batch size must be at least 2 pairs");
        Require(EarlyStoppingPatience >= 0, "early-stopping patience must be 0 (off) or positive");
        Require(Select is null || !string.IsNullOrWhiteSpace(Select), "select names a validation metric (or is null for the evaluator's primary one)");
        Require(GradientClipNorm >= 0 && double.IsFinite(GradientClipNorm), "gradient clip norm must be 0 (off) or positive");
    }

    /// <summary>The learning rate at a zero-based step.</summary>
    public double LearningRateAt(int step)
    {
        return Schedule switch
        {
            LearningRateSchedule.Constant => LearningRate,
            LearningRateSchedule.Step => LearningRate * Math.Pow(StepDecayFactor, step / StepsPerEpoch / StepDecayEpochs),
            LearningRateSchedule.Cosine when step < WarmupSteps => LearningRate * (0.1 + (0.9 * step / WarmupSteps)),
            LearningRateSchedule.Cosine => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps))),
            _ => throw new InvalidOperationException($"unknown schedule {Schedule}"),
        };
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
