using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese gallery remove</c>.</summary>
public sealed class GalleryRemoveSettings : CommonSettings
{
    /// <summary>The gallery file.</summary>
    [CommandOption("-g|--gallery <FILE>")]
    [Description("Gallery file to change.")]
    public string? Gallery { get; init; }

    /// <summary>The label to remove.</summary>
    [CommandOption("-l|--label <NAME>")]
    [Description("Label whose entries are all removed.")]
    public string? Label { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Gallery))
        {
            return ValidationResult.Error("--gallery is required: the gallery file to change");
        }

        return string.IsNullOrWhiteSpace(Label)
            ? ValidationResult.Error("--label is required: the label to remove")
            : base.Validate();
    }
}
