using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of the verbs that use a trained model.</summary>
public class ModelSettings : CommonSettings
{
    /// <summary>The model bundle.</summary>
    [CommandOption("-m|--model <FILE>")]
    [Description("Model bundle written by 'siamese train'.")]
    [DefaultValue("models/fashion-mnist.siamese")]
    public string Model { get; init; } = "models/fashion-mnist.siamese";

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model needs a file") : base.Validate();
}
