using Siamese.Evaluation.Evaluators;
using Siamese.Losses;
using Siamese.Sources;
using Siamese.Training;

namespace Siamese.Recipes;

/// <summary>
/// Everything a training run needs, as one serialisable record: the data and how it is split, the network, the loss
/// and its batches, the optimiser and schedule, validation, calibration and the seed. <see cref="TrainingRun"/> executes
/// it; the model bundle keeps it, so a resumed run or a rerun reads it back (<see cref="RecipeJson"/>), and
/// <c>siamese train --print-recipe</c> / <c>--recipe FILE</c> write and read the same JSON.
/// </summary>
public sealed record TrainingRecipe
{
    /// <summary>The recipe format this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Recipe format version; recipes with a larger number are refused.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Where the data comes from and how it is split.</summary>
    public required DataSourceSpec Data { get; init; }

    /// <summary>The network.</summary>
    public required ModelRecipe Model { get; init; }

    /// <summary>The loss with its settings, its miner and its batches (JSON: the property "loss" names the kind, see <see cref="LossCatalog"/>).</summary>
    public required LossSpec Loss { get; init; }

    /// <summary>Optimiser, schedule, epochs, steps, epoch selection, early stopping and the seed (<see cref="TrainerOptions.Seed"/>, which seeds every draw of the run).</summary>
    public TrainerOptions Training { get; init; } = new();

    /// <summary>Distort training images on the fly (random affine, Koch et al. 2015); image data only.</summary>
    public bool Augment { get; init; }

    /// <summary>Validation pairs drawn (balanced) from the validation images when the data has class labels (default 4000); pair data validates on all its validation pairs.</summary>
    public int ValidationPairs { get; init; } = 4000;

    /// <summary>
    /// What each epoch is validated on besides the validation pairs (which always are: the threshold is calibrated on
    /// them), for data with class labels: any of "retrieval" (leave-one-out 1-NN and MAP@R among the validation items),
    /// "few-shot" (5-way 1-shot accuracy) and "open-set" (open-set identification); null for ["retrieval"]. Pair data
    /// validates on its pairs only. The figures they give can select the kept epoch (<see cref="TrainerOptions.Select"/>).
    /// </summary>
    public IReadOnlyList<string>? Validation { get; init; }

    /// <summary>The evaluators <see cref="Validation"/> may name.</summary>
    public static IReadOnlyList<string> ValidationEvaluators { get; } = ["retrieval", "few-shot", "open-set"];

    /// <summary>What labelled images are validated on besides the pairs when <see cref="Validation"/> is null.</summary>
    public static IReadOnlyList<string> DefaultValidation { get; } = ["retrieval"];

    /// <summary>What labelled images are validated on besides the pairs: <see cref="Validation"/>, or <see cref="DefaultValidation"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> ValidationOrDefault => Validation ?? DefaultValidation;

    /// <summary>
    /// The validation evaluator that gives <paramref name="metric"/> (e.g. "retrieval" for "1nn"), or null for a figure
    /// of the validation pairs, which every run has.
    /// </summary>
    public static string? ValidationEvaluatorFor(string metric) => metric switch
    {
        MetricNames.NearestNeighbor or MetricNames.MapAtR => "retrieval",
        MetricNames.FewShot => "few-shot",
        MetricNames.OpenSetAccuracy or MetricNames.OpenSetRank1 => "open-set",
        _ => null,
    };

    /// <summary>How the decision threshold is calibrated on the validation pairs: "accuracy" or "far=F" (see <see cref="Calibration.ThresholdCriterion.Parse"/>).</summary>
    public string Calibration { get; init; } = "accuracy";

    /// <summary>The seed of the run (<see cref="TrainerOptions.Seed"/>).</summary>
    public int Seed => Training.Seed;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid part ("data: ...", "loss: ...").</summary>
    public void Validate()
    {
        if (FormatVersion > CurrentFormatVersion)
        {
            throw new ArgumentException($"recipe format {FormatVersion} is newer than this version of Siamese reads ({CurrentFormatVersion})");
        }

        if (Data is null || Model is null || Loss is null || Training is null)
        {
            throw new ArgumentException("a recipe needs its data, model, loss and training parts");
        }

        Within("data", Data.Validate);
        Within("loss", () => Loss.Validate(fromPairList: !Data.HasClassLabels));
        Within("training", Training.Validate);
        Within("calibration", () => Siamese.Calibration.ThresholdCriterion.Parse(Calibration));
        if (Validation is { } validation)
        {
            if (validation.FirstOrDefault(v => !ValidationEvaluators.Contains(v)) is { } unknown)
            {
                throw new ArgumentException($"validation: '{unknown}' is not an evaluator; expected any of {string.Join(", ", ValidationEvaluators)}");
            }

            if (validation.Count > 0 && !Data.HasClassLabels)
            {
                throw new ArgumentException($"validation: {string.Join(", ", validation)} measure{(validation.Count == 1 ? "s" : "")} class-labelled items; {Data.Kind} data validates on its pairs");
            }
        }

        if (ValidationPairs < 2)
        {
            throw new ArgumentException($"validation pairs must be at least 2 (got {ValidationPairs})");
        }
    }

    private static void Within(string part, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{part}: {ex.Message}", ex);
        }
    }
}
