using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese identify</c>.</summary>
public sealed class IdentifySettings : ModelSettings
{
    /// <summary>Image files to identify.</summary>
    [CommandArgument(0, "[IMAGES]")]
    [Description("Image files to identify, resized to the model's input; for a text model, the texts themselves.")]
    public string[] Images { get; init; } = [];

    /// <summary>The gallery file.</summary>
    [CommandOption("-g|--gallery <FILE>")]
    [Description("Gallery file made by 'siamese enroll' with this model.")]
    public string? Gallery { get; init; }

    /// <summary>Candidate labels listed per image.</summary>
    [CommandOption("-k|--top <K>")]
    [Description("Closest labels listed per image.")]
    [DefaultValue(3)]
    public int Top { get; init; } = 3;

    /// <summary>Decision threshold; default the model's calibrated one.</summary>
    [CommandOption("--threshold <T>")]
    [Description("Decision threshold in the distance's units (default: the model's calibrated threshold). The closest label is the answer when its score is <= T for distances, >= T for similarities; otherwise 'unknown'.")]
    public double? Threshold { get; init; }

    /// <summary>Optional TSV of the results.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Also write the results to a TSV file: source, decision, then label and score of each candidate.")]
    public string? Output { get; init; }

    /// <summary>Replace an existing output.</summary>
    [CommandOption("--force")]
    [Description("Replace an existing --output file.")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Gallery))
        {
            return ValidationResult.Error("--gallery is required: the gallery file to search");
        }

        if (Images.Length == 0)
        {
            return ValidationResult.Error("identify needs at least one image file");
        }

        if (Top < 1)
        {
            return ValidationResult.Error("--top must be at least 1");
        }

        return Threshold is { } t && !double.IsFinite(t)
            ? ValidationResult.Error("--threshold must be a finite number")
            : base.Validate();
    }
}
