using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese evaluate</c>.</summary>
public sealed class EvaluateSettings : ModelSettings
{
    /// <summary>Folder with the IDX files.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Folder with train/t10k IDX files (default: $SIAMESE_FASHION_MNIST or /usr/share/datasets/fashion-mnist).")]
    public string? Data { get; init; }

    /// <summary>Evaluate on the pairs of a pair-list file instead of Fashion-MNIST.</summary>
    [CommandOption("--pair-list <FILE>")]
    [Description("Evaluate verification on the image pairs of this file (lines: left<TAB>right<TAB>same|different) instead of Fashion-MNIST.")]
    public string? PairList { get; init; }

    /// <summary>Balanced test pairs.</summary>
    [CommandOption("--pairs <N>")]
    [Description("Balanced random test pairs for verification (half genuine).")]
    [DefaultValue(10000)]
    public int Pairs { get; init; } = 10000;

    /// <summary>Seed of the pair draw.</summary>
    [CommandOption("--seed <N>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    /// <summary>Neighbours in the k-NN vote.</summary>
    [CommandOption("-k|--neighbours <K>")]
    [Description("Neighbours in the k-NN vote against the training set.")]
    [DefaultValue(1)]
    public int K { get; init; } = 1;

    /// <summary>Skip the k-NN and retrieval part.</summary>
    [CommandOption("--no-gallery")]
    [Description("Skip k-NN classification against the training set.")]
    public bool NoGallery { get; init; }

    /// <summary>Use only the first N test images.</summary>
    [CommandOption("--test-limit <N>")]
    [Description("Evaluate on a stratified subset of this many test images (0: all).")]
    [DefaultValue(0)]
    public int TestLimit { get; init; }

    /// <summary>Report folder.</summary>
    [CommandOption("--report <DIR>")]
    [Description("Folder for metrics.json, roc.png and distances.png (default: <model>.report).")]
    public string? Report { get; init; }

    /// <summary>Replace existing report files.</summary>
    [CommandOption("--force")]
    [Description("Replace existing report files.")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Pairs < 2)
        {
            return ValidationResult.Error($"--pairs must be at least 2 (got {Pairs})");
        }

        if (K < 1)
        {
            return ValidationResult.Error($"--neighbours must be at least 1 (got {K})");
        }

        return TestLimit < 0 ? ValidationResult.Error("--test-limit must not be negative") : base.Validate();
    }
}
