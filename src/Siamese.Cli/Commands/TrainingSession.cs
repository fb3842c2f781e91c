using Siamese.Calibration;
using Siamese.Cli.Output;
using Siamese.Persistence;
using Siamese.Recipes;
using Siamese.Training;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary>
/// The part of <c>siamese train</c> shared by images and text: the run with a progress bar and a checkpoint after
/// every epoch (kept when the loss diverges), the epoch table, the threshold calibrated on the validation pairs,
/// and the bundle saved atomically.
/// </summary>
internal static class TrainingSession
{
    /// <summary>
    /// Refuses, before any data is read, a model or checkpoint path that cannot be written, an existing model without
    /// --force, and a fresh run over the checkpoint of an interrupted one (it would replace it after its first epoch)
    /// without --resume or --force.
    /// </summary>
    public static void CheckOutputs(string output, bool force, bool resume)
    {
        CommandSupport.EnsureWritable(output, force);
        string checkpoint = CheckpointOf(output);
        CommandSupport.EnsureWritable(checkpoint, force: true);
        if (!resume && !force && File.Exists(checkpoint))
        {
            throw new IOException($"{checkpoint}: an interrupted run left this checkpoint; continue it with --resume, or pass --force to start afresh and replace it");
        }
    }

    /// <summary>Where a run writing <paramref name="output"/> keeps its checkpoint after every epoch.</summary>
    public static string CheckpointOf(string output) => output + ".checkpoint";

    /// <summary>
    /// Loads the checkpoint of <paramref name="output"/> to train further: the bundle (its network back in training
    /// mode) and the first epoch still to run.
    /// </summary>
    /// <exception cref="ArgumentException">The checkpoint already holds <paramref name="epochs"/> epochs or more.</exception>
    public static (ModelBundle Bundle, int FirstEpoch) Resume(string output, int epochs)
    {
        string checkpoint = CheckpointOf(output);
        var resumed = ModelBundle.Load(checkpoint);
        int firstEpoch = (resumed.Config.Training?.Epochs ?? 0) + 1;
        if (firstEpoch > epochs)
        {
            throw new ArgumentException($"{checkpoint}: the checkpoint already holds {firstEpoch - 1} epochs; raise --epochs to train further");
        }

        resumed.Network.train();
        return (resumed, firstEpoch);
    }

    /// <summary>Trains with a progress bar and a checkpoint after every epoch, calibrates and saves; returns the saved bundle.</summary>
    /// <param name="run">The prepared run.</param>
    /// <param name="output">The model file.</param>
    /// <param name="force">Replace an existing model file.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    public static ModelBundle Run(TrainingRun run, string output, bool force, CancellationToken cancellationToken)
    {
        string checkpoint = CheckpointOf(output);
        int firstEpoch = run.Options.FirstEpoch;
        if (firstEpoch > 1)
        {
            AnsiConsole.MarkupLine($"Resuming from {Markup.Escape(checkpoint)} at epoch {firstEpoch}.");
        }

        // A checkpoint of this run: the one resumed from, or one written after an epoch of this run.
        bool haveCheckpoint = firstEpoch > 1;
        TrainingResult result;
        using (var interrupt = new InterruptScope(cancellationToken))
        {
            try
            {
                result = ConsoleProgress.Run("training", run.Options.TotalSteps, report => run.Fit(
                    new SyncProgress<TrainingProgress>(p => report(p.Step, $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:F4}  {p.ExamplesPerSecond:F0} {run.Unit}/s")),
                    bundle =>
                    {
                        bundle.Save(checkpoint, overwrite: true);
                        haveCheckpoint = true;
                    },
                    interrupt.Token));
            }
            catch (TrainingDivergedException)
            {
                AnsiConsole.MarkupLine(haveCheckpoint
                    ? $"[yellow]the last good checkpoint is kept in {Markup.Escape(checkpoint)}[/]"
                    : $"[yellow]no epoch had completed, so there is no checkpoint; {Markup.Escape(output)} was not written[/]");
                throw;
            }
            catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
            {
                // A run stopped by the user is not a model: the previous model stays, and the checkpoint lets it go on.
                throw new OperationCanceledException(haveCheckpoint
                    ? $"interrupted: {output} was not written; the last completed epoch is kept in {checkpoint}: run the same command with --resume to go on"
                    : $"interrupted before the first epoch completed: {output} was not written and there is no checkpoint of this run");
            }
        }

        ConsoleReports.WriteEpochs(result);
        DecisionThreshold decision;
        try
        {
            decision = run.Calibrate();
        }
        catch (ArgumentException ex)
        {
            // Keep the trained weights where the user can find them: the checkpoint of the last epoch stays on disk.
            throw new ArgumentException(
                $"could not calibrate the decision threshold on the validation pairs ({ErrorMessages.For(ex, [], SiameseApp.Verbs)}); " +
                $"{output} was not written, the last epoch is kept in {checkpoint}", ex);
        }

        var saved = run.BundleOf(decision, result);
        saved.Save(output, overwrite: force);
        File.Delete(checkpoint);
        AnsiConsole.MarkupLine($"Saved [bold]{Markup.Escape(output)}[/] (epoch {result.BestEpoch} kept; threshold {decision.Value:G4} by {Markup.Escape(decision.Criterion)}, validation accuracy {decision.Accuracy:P2}); {result.ExamplesPerSecond:F0} {run.Unit}/s, {result.Elapsed.TotalSeconds:F0} s.");
        return saved;
    }
}
