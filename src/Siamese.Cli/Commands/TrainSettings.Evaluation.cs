using System.ComponentModel;
using Siamese.Recipes;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>: the validation and test options.</summary>
public sealed partial class TrainSettings
{
    /// <summary>Share of training images held out for validation.</summary>
    [CommandOption("--validation-fraction <F>")]
    [Description("Share of the training images held out for validation and threshold calibration.")]
    [DefaultValue(0.05)]
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Validation pairs.</summary>
    [CommandOption("--validation-pairs <N>")]
    [DefaultValue(4000)]
    public int ValidationPairs { get; init; } = 4000;

    /// <summary>Evaluators each epoch is validated on besides the pairs.</summary>
    [CommandOption("--validate <LIST>")]
    [Description("Labelled images: what each epoch is validated on besides the validation pairs, any of retrieval (1-NN, MAP@R; the default), few-shot (5-way 1-shot) and open-set, e.g. retrieval,few-shot; their figures can --select the kept epoch.")]
    public string? ValidateWith { get; init; }

    /// <summary>The names --validate gives, or null.</summary>
    private string[]? ValidateNames => ValidateWith?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The evaluators the run validates on: as given, plus the one --select needs; null for the default.</summary>
    public IReadOnlyList<string>? ValidationEvaluators()
    {
        string? needed = Select is null ? null : TrainingRecipe.ValidationEvaluatorFor(Select);
        string[]? given = ValidateNames;
        if (given is null && (needed is null || TrainingRecipe.DefaultValidation.Contains(needed)))
        {
            return null;
        }

        var list = (given ?? TrainingRecipe.DefaultValidation).ToList();
        if (needed is not null && !list.Contains(needed))
        {
            list.Add(needed);
        }

        return list;
    }

    /// <summary>Calibration criterion.</summary>
    [CommandOption("--calibrate <CRITERION>")]
    [Description("How the decision threshold is chosen on validation pairs: 'accuracy' or 'far=0.001'.")]
    [DefaultValue("accuracy")]
    public string Calibrate { get; init; } = "accuracy";

    /// <summary>Use only this many training images.</summary>
    [CommandOption("--train-limit <N>")]
    [Description("Train on a stratified subset of this many training images (0: all).")]
    [DefaultValue(0)]
    public int TrainLimit { get; init; }

    /// <summary>Skip the evaluation on the test set.</summary>
    [CommandOption("--no-evaluate")]
    [Description("Do not evaluate on the test set after training.")]
    public bool NoEvaluate { get; init; }

    /// <summary>Test pairs in the evaluation after training.</summary>
    [CommandOption("--test-pairs <N>")]
    [DefaultValue(10000)]
    public int TestPairs { get; init; } = 10000;

    /// <summary>Folder for the evaluation report after training.</summary>
    [CommandOption("--report <DIR>")]
    [Description("Write metrics.json and plots of the evaluation after training to this folder.")]
    public string? Report { get; init; }

    /// <summary>The first problem with the validation and test options, or null.</summary>
    private string? EvaluationError()
    {
        if (ValidationFraction is <= 0 or >= 1)
        {
            return $"--validation-fraction must be between 0 and 1 (got {ValidationFraction})";
        }

        if (ValidateNames is { } names && (names.Length == 0 || names.FirstOrDefault(n => !TrainingRecipe.ValidationEvaluators.Contains(n)) is not null))
        {
            return $"--validate takes a comma-separated list of {string.Join(", ", TrainingRecipe.ValidationEvaluators)}, not '{ValidateWith}'";
        }

        if ((ValidateWith is not null || Select is "few-shot" or "open-set-accuracy") && (IsText || PairList is not null))
        {
            return "--validate and --select few-shot / open-set-accuracy measure class-labelled validation images; pairs validate on their pairs";
        }

        if (ValidationPairs < 2 || TestPairs < 2)
        {
            return "--validation-pairs and --test-pairs must be at least 2";
        }

        return null;
    }
}
