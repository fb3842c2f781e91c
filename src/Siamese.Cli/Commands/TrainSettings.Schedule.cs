using System.ComponentModel;
using Siamese.Training;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>: the optimiser, schedule, epoch selection and size limits.</summary>
public sealed partial class TrainSettings
{
    /// <summary>Epochs.</summary>
    [CommandOption("--epochs <N>")]
    [DefaultValue(6)]
    public int Epochs { get; init; } = 6;

    /// <summary>Steps per epoch.</summary>
    [CommandOption("--steps-per-epoch <N>")]
    [DefaultValue(500)]
    public int StepsPerEpoch { get; init; } = 500;

    /// <summary>Inputs embedded per step.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Inputs embedded per step, for every loss: 256 is 128 pairs, 85 triplets, or 8 classes x 32 samples.")]
    [DefaultValue(256)]
    public int BatchSize { get; init; } = 256;

    /// <summary>Initial learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [DefaultValue(0.002)]
    public double LearningRate { get; init; } = 0.002;

    /// <summary>Optimizer.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("adam or sgd.")]
    [DefaultValue("adam")]
    public string Optimizer { get; init; } = "adam";

    /// <summary>Learning-rate schedule.</summary>
    [CommandOption("--schedule <NAME>")]
    [Description("constant, step or cosine.")]
    [DefaultValue("cosine")]
    public string Schedule { get; init; } = "cosine";

    /// <summary>Share of the steps spent warming the learning rate up.</summary>
    [CommandOption("--warmup <FRACTION>")]
    [Description("Cosine schedule: share of the steps spent warming the learning rate up from a tenth.")]
    [DefaultValue(0.15)]
    public double Warmup { get; init; } = 0.15;

    /// <summary>Seed.</summary>
    [CommandOption("--seed <N>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    /// <summary>Early-stopping patience.</summary>
    [CommandOption("--patience <EPOCHS>")]
    [Description("Stop after this many epochs without validation improvement (0: never).")]
    [DefaultValue(0)]
    public int Patience { get; init; }

    /// <summary>Which epoch's weights are kept.</summary>
    [CommandOption("--select <METRIC>")]
    [Description("Epoch whose weights are kept: the best validation auc, eer, accuracy, spearman (graded text pairs), 1nn or map@r (retrieval among the validation images), few-shot or open-set-accuracy (see --validate), the lowest loss, or the last epoch. Default: 1nn for npair on labelled images, spearman for graded text pairs, auc otherwise.")]
    public string? Select { get; init; }

    /// <summary>The first count option above its <see cref="OptionLimits"/> bound, or an epoch and step count that overflows.</summary>
    private string? LimitError()
    {
        int[] channels = ParseList(Channels) ?? [];
        int[] kernels = ParseList(KernelSizes) ?? [];
        int[] hidden = ParseList(Hidden) ?? [];
        return OptionLimits.FirstExceeded(
                ("--batch-size", BatchSize, OptionLimits.BatchSize),
                ("--samples-per-class", SamplesPerClass, OptionLimits.BatchSize),
                ("--validation-pairs", ValidationPairs, OptionLimits.Pairs),
                ("--test-pairs", TestPairs, OptionLimits.Pairs),
                ("--embedding-dim", EmbeddingDimension, OptionLimits.Width),
                ("--word-dim", WordDimension, OptionLimits.Width),
                ("--hidden", hidden.DefaultIfEmpty().Max(), OptionLimits.Width),
                ("--channels", channels.DefaultIfEmpty().Max(), OptionLimits.Width),
                ("--channels (blocks)", channels.Length, OptionLimits.Blocks),
                ("--hidden (layers)", hidden.Length, OptionLimits.Layers),
                ("--kernel-sizes", kernels.DefaultIfEmpty().Max(), OptionLimits.Kernel),
                ("--convs-per-block", ConvolutionsPerBlock, OptionLimits.Layers),
                ("--layers", Layers, OptionLimits.Layers))
            ?? ((long)Epochs * StepsPerEpoch > int.MaxValue
                ? $"--epochs x --steps-per-epoch must be at most {int.MaxValue} steps (got {(long)Epochs * StepsPerEpoch})"
                : null);
    }

    /// <summary>The trainer options these settings describe.</summary>
    public TrainerOptions ToTrainerOptions() => new()
    {
        Optimizer = Optimizer == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam,
        LearningRate = LearningRate,
        Schedule = Schedule switch
        {
            "constant" => LearningRateSchedule.Constant,
            "step" => LearningRateSchedule.Step,
            _ => LearningRateSchedule.Cosine,
        },
        Epochs = Epochs,
        StepsPerEpoch = StepsPerEpoch,
        WarmupSteps = (int)Math.Round(Warmup * Epochs * StepsPerEpoch),
        Seed = Seed,
        EarlyStoppingPatience = Patience,
        KeepBest = Select != "last",
        Select = Select is null or "last" ? null : Select,
    };

    /// <summary>The first problem with the optimiser, schedule, epoch selection and size limits, or null.</summary>
    private string? ScheduleError()
    {
        if (Select is not (null or "auc" or "eer" or "accuracy" or "loss" or "last" or "spearman" or "1nn" or "map@r" or "few-shot" or "open-set-accuracy"))
        {
            return $"--select must be auc, eer, accuracy, spearman, 1nn, map@r, few-shot, open-set-accuracy, loss or last, not '{Select}'";
        }

        if (Select is "1nn" or "map@r" && (IsText || PairList is not null))
        {
            return $"--select {Select} measures retrieval among class-labelled validation images; pairs validate by auc, eer, accuracy or spearman";
        }

        if (Select == "spearman" && !(IsText && ScoreRange is not null))
        {
            return "--select spearman needs graded text pairs (--pairs with --score-range)";
        }

        if (LimitError() is { } limitError)
        {
            return limitError;
        }

        if (Epochs < 1 || StepsPerEpoch < 1)
        {
            return "--epochs and --steps-per-epoch must be at least 1";
        }

        if (!(LearningRate > 0))
        {
            return $"--lr must be positive (got {LearningRate})";
        }

        if (Optimizer is not ("adam" or "sgd"))
        {
            return $"--optimizer must be adam or sgd, not '{Optimizer}'";
        }

        if (Schedule is not ("constant" or "step" or "cosine"))
        {
            return $"--schedule must be constant, step or cosine, not '{Schedule}'";
        }

        if (Warmup is < 0 or >= 1)
        {
            return $"--warmup must be in [0, 1) (got {Warmup})";
        }

        if (TrainLimit < 0 || Patience < 0)
        {
            return "--train-limit and --patience must not be negative";
        }

        return null;
    }
}
