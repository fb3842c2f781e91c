using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese verify</c>.</summary>
public sealed class VerifySettings : ModelSettings
{
    /// <summary>The image to check.</summary>
    [CommandArgument(0, "<IMAGE>")]
    [Description("Image file to check against the claimed label; for a text model, the text itself.")]
    public string Image { get; init; } = "";

    /// <summary>The gallery file.</summary>
    [CommandOption("-g|--gallery <FILE>")]
    [Description("Gallery file made by 'siamese enroll' with this model.")]
    public string? Gallery { get; init; }

    /// <summary>The claimed label.</summary>
    [CommandOption("-l|--label <NAME>")]
    [Description("The claimed label; must be enrolled.")]
    public string? Label { get; init; }

    /// <summary>Decision threshold; default the model's calibrated one.</summary>
    [CommandOption("--threshold <T>")]
    [Description("Decision threshold in the distance's units (default: the model's calibrated threshold): accept when the score of the label's closest entry is <= T for distances, >= T for similarities.")]
    public double? Threshold { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Gallery))
        {
            return ValidationResult.Error("--gallery is required: the gallery file to check against");
        }

        if (string.IsNullOrWhiteSpace(Label))
        {
            return ValidationResult.Error("--label is required: the claimed label");
        }

        if (string.IsNullOrWhiteSpace(Image))
        {
            return ValidationResult.Error("verify needs one image file");
        }

        return Threshold is { } t && !double.IsFinite(t)
            ? ValidationResult.Error("--threshold must be a finite number")
            : base.Validate();
    }
}
