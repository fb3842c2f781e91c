namespace Siamese.Persistence;

/// <summary>How a bundled model was trained; informative, not needed to use it.</summary>
public sealed record TrainingInfo
{
    /// <summary>Loss name, e.g. "contrastive".</summary>
    public string Loss { get; init; } = "";

    /// <summary>Impostor margin (contrastive) or energy bound Q (energy contrastive).</summary>
    public double? Margin { get; init; }

    /// <summary>Genuine margin of the contrastive loss.</summary>
    public double? PositiveMargin { get; init; }

    /// <summary>Epochs run.</summary>
    public int Epochs { get; init; }

    /// <summary>Epoch whose weights were kept.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Pairs per step.</summary>
    public int BatchSize { get; init; }

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; }

    /// <summary>Seed of the run.</summary>
    public int Seed { get; init; }

    /// <summary>Where the training data came from.</summary>
    public string Data { get; init; } = "";

    /// <summary>Wall time of the run in seconds.</summary>
    public double Seconds { get; init; }
}
