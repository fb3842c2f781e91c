using System.ComponentModel;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options every verb has.</summary>
public class CommonSettings : CommandSettings
{
    /// <summary>Print stack traces with errors.</summary>
    [CommandOption("--verbose")]
    [Description("Print the stack trace with an error.")]
    public bool Verbose { get; init; }

    /// <summary>libtorch threads; 0 keeps libtorch's default.</summary>
    [CommandOption("--threads <N>")]
    [Description("Threads libtorch may use (default: libtorch's choice, all cores).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    /// <inheritdoc />
    public override Spectre.Console.ValidationResult Validate() =>
        Threads is < 0 or > OptionLimits.Threads
            ? Spectre.Console.ValidationResult.Error($"--threads must be 0 (default) or from 1 to {OptionLimits.Threads} (got {Threads})")
            : base.Validate();
}
