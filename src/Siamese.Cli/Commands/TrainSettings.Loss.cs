using System.ComponentModel;
using System.Text.Json.Nodes;
using Siamese.Distances;
using Siamese.Losses;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>: the loss, miner and batch options.</summary>
public sealed partial class TrainSettings
{
    /// <summary>Prototypical episodes: support examples per class.</summary>
    [CommandOption("--shots <K>")]
    [Description("Prototypical loss: support examples per class in each training episode; the rest of --samples-per-class are queries.")]
    [DefaultValue(1)]
    public int Shots { get; init; } = 1;

    /// <summary>Loss name.</summary>
    [CommandOption("--loss <NAME>")]
    [Description("Loss: contrastive (Hadsell 2006, random pairs), energy-contrastive (Chopra 2005), online-contrastive (pairs inside class-balanced batches), triplet, quadruplet (Chen 2017), npair (multiple negatives, InfoNCE), bce, prototypical; for graded text pairs cosent or score-mse. Default: contrastive for images; text pairs npair (binary labels) or cosent (graded scores).")]
    public string? LossOption { get; init; }

    /// <summary>The loss: as given, else contrastive for images, npair for binary text pairs and cosent for graded ones.</summary>
    public string Loss => LossOption ?? (!IsText ? "contrastive" : ScoreRange is null ? "npair" : "cosent");

    /// <summary>Miner name.</summary>
    [CommandOption("--miner <NAME>")]
    [Description("Tuple selection: triplet batch-hard (default), semi-hard, all or none (random triplets); quadruplet batch-hard (default) or none; online-contrastive hard-pair (default) or all.")]
    public string? Miner { get; init; }

    /// <summary>Class-balanced batches: samples of each class per batch.</summary>
    [CommandOption("--samples-per-class <M>")]
    [Description("Class-balanced batches (mining losses): samples of each class per batch; the batch size must be a multiple.")]
    [DefaultValue(32)]
    public int SamplesPerClass { get; init; } = 32;

    /// <summary>Impostor margin, the energy bound Q, or the triplet margin.</summary>
    [CommandOption("--margin <M>")]
    [Description("Contrastive: impostor margin (default 1.5 for l2, the tuned recipe; 1 for other distances; 0 for similarities). Energy: the bound Q (default: the bound for normalised embeddings). Triplet, quadruplet: the margin (default 0.2).")]
    public double? Margin { get; init; }

    /// <summary>Genuine margin.</summary>
    [CommandOption("--positive-margin <M>")]
    [Description("Contrastive: genuine pairs closer than this pay nothing (default 0 for distances, 1 for similarities).")]
    public double? PositiveMargin { get; init; }

    /// <summary>Quadruplet: the negative-pair margin.</summary>
    [CommandOption("--second-margin <M>")]
    [Description("Quadruplet: margin of the term that compares the positive pair with a pair of two other classes (default 0.1).")]
    public double? SecondMargin { get; init; }

    /// <summary>N-pair temperature.</summary>
    [CommandOption("--temperature <T>")]
    [Description("N-pair: softmax temperature (default 0.1).")]
    public double? Temperature { get; init; }

    /// <summary>Soft-margin triplet loss.</summary>
    [CommandOption("--soft-margin")]
    [Description("Triplet: log(1 + exp(x)) instead of the hinge (no margin).")]
    public bool SoftMargin { get; init; }

    /// <summary>The impostor margin: as given, else 1.5 for the contrastive losses over L2 (the tuned recipe), else null for the loss's own default.</summary>
    public double? EffectiveMargin(string distance) =>
        Margin ?? (Loss is "contrastive" or "online-contrastive" && distance == "l2" ? 1.5 : null);

    /// <summary>
    /// The loss spec these settings describe, with the margin to use: the loss's catalog record with the options it
    /// has (a margin option the loss does not take is left out, as each loss's record holds only its own settings).
    /// </summary>
    public LossSpec ToLossSpec(double? margin) => LossCatalog.Create(Loss, new JsonObject
    {
        ["miner"] = Miner,
        ["margin"] = margin,
        ["positiveMargin"] = PositiveMargin,
        ["secondMargin"] = SecondMargin,
        ["temperature"] = Temperature,
        ["softMargin"] = SoftMargin,
        ["batchSize"] = BatchSize,
        ["samplesPerClass"] = SamplesPerClass,
        ["shots"] = Shots,
    });

    /// <summary>The miners' names the loss takes, its default first.</summary>
    private static IEnumerable<string> MinerNames(string loss) => LossCatalog.Create(loss).Miners.Select(LossSpec.MinerName);

    private string? SetupError(LossSpec spec)
    {
        bool fromPairList = IsText || PairList is not null;
        if (fromPairList && spec.PairListPlan is null)
        {
            return $"--miner: the {Loss} loss with the {LossSpec.MinerName(spec.EffectiveMiner)} miner needs class labels; a pair list trains it with --miner none";
        }

        if (!fromPairList && spec.ClassLabelPlan is null)
        {
            return $"--loss: the {Loss} loss learns from scored pairs, not class labels; train it on --pairs";
        }

        try
        {
            spec.Validate(fromPairList);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"--batch-size/--samples-per-class: {ex.Message}";
        }
    }

    /// <summary>The first problem with the loss, miner and batch options, or null.</summary>
    private string? LossError()
    {
        if (!LossCatalog.Contains(Loss))
        {
            return $"--loss must be one of {string.Join(", ", LossCatalog.Names)}, not '{Loss}'";
        }

        if (Miner is not null && !MinerNames(Loss).Contains(Miner))
        {
            return $"--miner: the {Loss} loss takes {string.Join(", ", MinerNames(Loss))}, not '{Miner}'";
        }

        if (SamplesPerClass < 2)
        {
            return $"--samples-per-class must be at least 2, so that every sample has a positive (got {SamplesPerClass})";
        }

        if (Temperature is <= 0 || SecondMargin is < 0)
        {
            return "--temperature must be positive and --second-margin not negative";
        }

        if (Margin is < 0)
        {
            return $"--margin must not be negative (got {Margin})";
        }

        if (SetupError(ToLossSpec(Margin)) is { } setupError)
        {
            return setupError;
        }

        if (Loss == "bce" && Distance != WeightedL1Similarity.DistanceName)
        {
            return $"--loss bce reads scores as the logit of p(same) from Koch's learned head; use --distance {WeightedL1Similarity.DistanceName}";
        }

        if (Shots < 1)
        {
            return $"--shots must be at least 1 (got {Shots})";
        }

        return null;
    }
}
