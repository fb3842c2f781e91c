using Siamese.Cli.Output;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Recipes;
using Siamese.Sources;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>
/// <c>siamese train</c>: binds the options (or reads a recipe file, or the checkpoint's recipe when resuming) to a
/// <see cref="TrainingRecipe"/>, runs it through <see cref="TrainingRun"/> with a progress bar and checkpoints, saves
/// the bundle and evaluates it on the data's test part.
/// </summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        if (settings.PrintRecipe)
        {
            // The JSON goes to standard output as it is, so that it can be redirected to a file for --recipe.
            var output = AnsiConsole.Console.Profile.Out.Writer;
            output.WriteLine(RecipeJson.Write(TrainRecipes.From(settings)));
            output.Flush();
            return 0;
        }

        CommandSupport.SetUpEngine(settings);
        TrainingSession.CheckOutputs(settings.Output, settings.Force, settings.Resume);
        var (recipe, resumeFrom, firstEpoch) = Recipe(settings);
        bool isText = recipe.Data is TextPairFileSource;
        if (settings.Report is not null && !settings.NoEvaluate)
        {
            // Checked before training, not found after it: a text run writes metrics.json only when it has a test file.
            if (!isText)
            {
                ReportWriter.CheckWritable(settings.Report, settings.Force, withMap: true);
            }
            else if (recipe.Data is TextPairFileSource { TestFile: not null })
            {
                CommandSupport.EnsureWritable(Path.Combine(settings.Report, TextEvaluation.MetricsFile), settings.Force);
            }
        }

        var run = ConsoleProgress.RunIndeterminate("reading data", () => TrainingRun.Prepare(recipe, resumeFrom, firstEpoch));
        foreach (string line in run.Data.Log)
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }

        foreach (string note in run.Data.Notes)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }

        if (run.Architecture.Encoder is ConvEncoderSpec cnn)
        {
            CommandSupport.CheckStepMemory(run.LossSpec.BatchSize, cnn.ActivationValuesPerExample());
        }

        AnsiConsole.MarkupLine(TrainingLines.Describe(run));
        var bundle = TrainingSession.Run(run, settings.Output, settings.Force, cancellationToken);
        if (!settings.NoEvaluate)
        {
            TrainingLines.Evaluate(run, bundle, settings);
        }

        return 0;
    }

    /// <summary>The recipe to run: the checkpoint's when resuming, a recipe file's, or the one the options describe.</summary>
    private static (TrainingRecipe Recipe, Siamese.Persistence.ModelBundle? ResumeFrom, int FirstEpoch) Recipe(TrainSettings settings)
    {
        if (settings.Resume)
        {
            string checkpoint = TrainingSession.CheckpointOf(settings.Output);
            var (resumed, firstEpoch) = TrainingSession.Resume(settings.Output, settings.Epochs);
            var stored = resumed.Config.Training?.Recipe
                ?? throw new ArgumentException($"{checkpoint}: the checkpoint keeps no training recipe (an older version wrote it); start afresh with --force");
            var recipe = RecipeJson.Read(stored, checkpoint);
            if (recipe.Training.Epochs != settings.Epochs)
            {
                // --epochs may extend a resumed run; the warm-up keeps its share of the (longer) schedule.
                var training = recipe.Training with
                {
                    Epochs = settings.Epochs,
                    WarmupSteps = (int)Math.Round(settings.Warmup * settings.Epochs * recipe.Training.StepsPerEpoch),
                };
                recipe = recipe with { Training = training };
            }

            return (recipe, resumed, firstEpoch);
        }

        if (settings.Recipe is { } file)
        {
            return (RecipeJson.ReadFile(file), null, 1);
        }

        return (TrainRecipes.From(settings), null, 1);
    }
}
