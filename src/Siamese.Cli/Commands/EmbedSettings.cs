using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese embed</c>.</summary>
public sealed class EmbedSettings : ModelSettings
{
    /// <summary>Image files to embed.</summary>
    [CommandArgument(0, "[IMAGES]")]
    [Description("Image files (PNG, JPEG, BMP, GIF, WebP); resized to the model's input.")]
    public string[] Images { get; init; } = [];

    /// <summary>Embed a Fashion-MNIST split instead of files.</summary>
    [CommandOption("--split <SPLIT>")]
    [Description("Embed a Fashion-MNIST split (train or test) instead of image files.")]
    public string? Split { get; init; }

    /// <summary>Folder with the IDX files.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Folder with the IDX files, with --split.")]
    public string? Data { get; init; }

    /// <summary>Embed only the first N images of the split.</summary>
    [CommandOption("--limit <N>")]
    [DefaultValue(0)]
    public int Limit { get; init; }

    /// <summary>Output TSV file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("TSV file to write: source, label, then one column per embedding dimension.")]
    public string? Output { get; init; }

    /// <summary>Replace an existing output.</summary>
    [CommandOption("--force")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("--output is required: the TSV file to write");
        }

        if (Split is not null && Split is not ("train" or "test"))
        {
            return ValidationResult.Error($"--split must be train or test, not '{Split}'");
        }

        if ((Split is null) == (Images.Length == 0))
        {
            return ValidationResult.Error("give either image files or --split, not both and not neither");
        }

        return Limit < 0 ? ValidationResult.Error("--limit must not be negative") : base.Validate();
    }
}
