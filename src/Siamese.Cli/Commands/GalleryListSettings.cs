using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese gallery list</c>.</summary>
public sealed class GalleryListSettings : CommonSettings
{
    /// <summary>The gallery file.</summary>
    [CommandOption("-g|--gallery <FILE>")]
    [Description("Gallery file to describe.")]
    public string? Gallery { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Gallery) ? ValidationResult.Error("--gallery is required: the gallery file to list") : base.Validate();
}
