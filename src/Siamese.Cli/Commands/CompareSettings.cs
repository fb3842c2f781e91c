using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese compare</c>.</summary>
public sealed class CompareSettings : ModelSettings
{
    /// <summary>First image.</summary>
    [CommandArgument(0, "<FIRST>")]
    [Description("First image file; for a text model, the first text.")]
    public string First { get; init; } = "";

    /// <summary>Second image.</summary>
    [CommandArgument(1, "<SECOND>")]
    [Description("Second image file; for a text model, the second text.")]
    public string Second { get; init; } = "";

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(First) || string.IsNullOrWhiteSpace(Second)
            ? ValidationResult.Error("compare needs two image files, or two non-empty texts for a text model")
            : base.Validate();
}
