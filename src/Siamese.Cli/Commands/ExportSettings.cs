using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese export-images</c>.</summary>
public sealed class ExportSettings : CommonSettings
{
    /// <summary>Folder with the IDX files.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Folder with the IDX files (default: $SIAMESE_FASHION_MNIST or /usr/share/datasets/fashion-mnist).")]
    public string? Data { get; init; }

    /// <summary>Which split.</summary>
    [CommandOption("--split <SPLIT>")]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    /// <summary>How many images.</summary>
    [CommandOption("--count <N>")]
    [DefaultValue(20)]
    public int Count { get; init; } = 20;

    /// <summary>Destination folder.</summary>
    [CommandOption("-o|--output <DIR>")]
    [DefaultValue("samples")]
    public string Output { get; init; } = "samples";

    /// <summary>Replace existing files.</summary>
    [CommandOption("--force")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Split is not ("train" or "test"))
        {
            return ValidationResult.Error($"--split must be train or test, not '{Split}'");
        }

        return Count < 1 ? ValidationResult.Error($"--count must be at least 1 (got {Count})") : base.Validate();
    }
}
