namespace Siamese.Persistence;

/// <summary>How a bundled model was trained; informative, not needed to use it.</summary>
public sealed record TrainingInfo
{
    /// <summary>Loss name, e.g. "contrastive" or "triplet".</summary>
    public string Loss { get; init; } = "";

    /// <summary>Miner name, e.g. "batch-hard"; "none" for pre-drawn tuples.</summary>
    public string? Miner { get; init; }

    /// <summary>Impostor margin (contrastive), energy bound Q (energy contrastive), or the triplet or quadruplet margin.</summary>
    public double? Margin { get; init; }

    /// <summary>Genuine margin of the contrastive loss.</summary>
    public double? PositiveMargin { get; init; }

    /// <summary>Second margin of the quadruplet loss.</summary>
    public double? SecondMargin { get; init; }

    /// <summary>Temperature of the N-pair loss.</summary>
    public double? Temperature { get; init; }

    /// <summary>Epochs run.</summary>
    public int Epochs { get; init; }

    /// <summary>Epoch whose weights were kept.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Inputs embedded per step (bundles of format 1 made before the tuple losses stored pairs per step here).</summary>
    public int BatchSize { get; init; }

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; }

    /// <summary>Seed of the run.</summary>
    public int Seed { get; init; }

    /// <summary>Where the training data came from.</summary>
    public string Data { get; init; } = "";

    /// <summary>Wall time of the run in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Prototypical loss: support examples per class in each training episode; null for other losses.</summary>
    public int? Shots { get; init; }

    /// <summary>Whether training images were distorted on the fly (random affine, Koch et al. 2015).</summary>
    public bool Augmented { get; init; }

    /// <summary>Whether each quarter turn of a training class was trained as a class of its own.</summary>
    public bool RotatedClasses { get; init; }

    /// <summary>Names of the classes trained on, when training used only some classes of the data; otherwise null.</summary>
    public IReadOnlyList<string>? TrainClasses { get; init; }

    /// <summary>Names of the classes held out unseen for one-shot evaluation; null when there were none.</summary>
    public IReadOnlyList<string>? TestClasses { get; init; }

    /// <summary>
    /// The training recipe that made the model (Siamese.Recipes.TrainingRecipe as JSON), so that a resumed run or a
    /// rerun reads it back; null for bundles written before recipes existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.JsonElement? Recipe { get; init; }
}
