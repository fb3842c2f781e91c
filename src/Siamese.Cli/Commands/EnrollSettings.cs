using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese enroll</c>.</summary>
public sealed class EnrollSettings : ModelSettings
{
    /// <summary>Image files of the person or thing to enroll.</summary>
    [CommandArgument(0, "[IMAGES]")]
    [Description("Image files (PNG, JPEG, BMP, GIF, WebP, PBM/PGM/PPM) of one label, resized to the model's input; for a text model, the texts themselves.")]
    public string[] Images { get; init; } = [];

    /// <summary>The gallery file.</summary>
    [CommandOption("-g|--gallery <FILE>")]
    [Description("Gallery file; created when missing, appended to when it was made by this model.")]
    public string? Gallery { get; init; }

    /// <summary>The label to enroll the images under.</summary>
    [CommandOption("-l|--label <NAME>")]
    [Description("Label for every image given (e.g. a person's name).")]
    public string? Label { get; init; }

    /// <summary>Start a new gallery instead of appending.</summary>
    [CommandOption("--new")]
    [Description("Start a new gallery; an existing file is refused unless --force is also given.")]
    public bool New { get; init; }

    /// <summary>With --new, replace an existing gallery.</summary>
    [CommandOption("--force")]
    [Description("With --new: replace an existing gallery, whatever model made it.")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Gallery))
        {
            return ValidationResult.Error("--gallery is required: the gallery file to enroll into");
        }

        var label = CommandSupport.ValidateLabel(Label);
        if (!label.Successful)
        {
            return label;
        }

        if (Images.Length == 0)
        {
            return ValidationResult.Error("enroll needs at least one image file");
        }

        return Force && !New
            ? ValidationResult.Error("--force only replaces a gallery together with --new; without them enroll appends")
            : base.Validate();
    }
}
