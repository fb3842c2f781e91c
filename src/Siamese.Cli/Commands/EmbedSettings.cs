using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese embed</c>.</summary>
public sealed class EmbedSettings : ModelSettings
{
    /// <summary>Image files to embed.</summary>
    [CommandArgument(0, "[IMAGES]")]
    [Description("Image files (PNG, JPEG, BMP, GIF, WebP), resized to the model's input; for a text model, the texts themselves.")]
    public string[] Images { get; init; } = [];

    /// <summary>Embed a Fashion-MNIST split instead of files.</summary>
    [CommandOption("--texts <FILE>")]
    [Description("Text model: embed the texts of this file, one per line (UTF-8).")]
    public string? Texts { get; init; }

    /// <summary>Which branch embeds the inputs.</summary>
    [CommandOption("--side <SIDE>")]
    [Description("Embed as the first or second inputs of a pair: the branch of that side reads them (matters for a pseudo-Siamese model, e.g. texts on one side and images on the other).")]
    [DefaultValue("first")]
    public string Side { get; init; } = "first";

    /// <summary>Fashion-MNIST split.</summary>
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

        int sources = (Split is null ? 0 : 1) + (Images.Length == 0 ? 0 : 1) + (Texts is null ? 0 : 1);
        if (sources != 1)
        {
            return ValidationResult.Error("give one source: image files (or texts, for a text model) as arguments, --texts FILE, or --split");
        }

        if (Side is not ("first" or "second"))
        {
            return ValidationResult.Error($"--side must be first or second, not '{Side}'");
        }

        return Limit < 0 ? ValidationResult.Error("--limit must not be negative") : base.Validate();
    }
}
