using Siamese.Calibration;
using Siamese.Cli.Output;
using Siamese.Networks;
using Siamese.Losses;
using Siamese.Persistence;
using Siamese.Samplers;
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
    /// What a bundle records of a run whatever the data: loss, miner, the loss's margins, temperature and shots,
    /// batch size, learning rate, seed, epochs done, best epoch and training time; callers add their data's fields.
    /// </summary>
    public static TrainingInfo Describe(LossSetup setup, MetricLoss loss, TrainerOptions options, int epochsDone, TrainingResult? result, string data) => new()
    {
        Loss = setup.Loss,
        Miner = setup.EffectiveMiner,
        Margin = loss switch
        {
            ContrastiveLoss c => c.Margin,
            EnergyContrastiveLoss e => e.UpperBound,
            TripletMarginLoss t => t.Soft ? null : t.Margin,
            QuadrupletLoss q => q.Margin,
            _ => null,
        },
        PositiveMargin = (loss as ContrastiveLoss)?.PositiveMargin,
        SecondMargin = (loss as QuadrupletLoss)?.SecondMargin,
        Temperature = loss switch
        {
            NPairLoss n => n.Temperature,
            PrototypicalLoss p => p.Temperature,
            _ => null,
        },
        Shots = (loss as PrototypicalLoss)?.Shots,
        Epochs = epochsDone,
        BestEpoch = result?.BestEpoch ?? 0,
        BatchSize = setup.BatchSize,
        LearningRate = options.LearningRate,
        Seed = options.Seed,
        Data = data,
        Seconds = result?.Elapsed.TotalSeconds ?? 0,
    };

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

    /// <summary>Trains, calibrates and saves; returns the saved bundle.</summary>
    /// <param name="trainer">The configured trainer.</param>
    /// <param name="network">The network it trains.</param>
    /// <param name="inputs">Training inputs.</param>
    /// <param name="sampler">Training batches.</param>
    /// <param name="validation">Validation pairs (epoch choice and threshold calibration).</param>
    /// <param name="firstEpoch">First epoch of this run (above 1 when resuming).</param>
    /// <param name="configFor">The bundle configuration for a threshold, the epochs done and the result.</param>
    /// <param name="criterion">How the threshold is calibrated.</param>
    /// <param name="output">The model file.</param>
    /// <param name="force">Replace an existing model file.</param>
    /// <param name="unit">What the throughput counts ("examples", "texts").</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    public static ModelBundle Run(
        Trainer trainer,
        TwinNetwork network,
        IInputSource inputs,
        IBatchSampler sampler,
        PairValidationSet validation,
        int firstEpoch,
        Func<DecisionThreshold?, int, TrainingResult?, ModelConfig> configFor,
        ThresholdCriterion criterion,
        string output,
        bool force,
        string unit,
        CancellationToken cancellationToken)
    {
        string checkpoint = CheckpointOf(output);

        var isSame = validation.Pairs.IsSame();
        if (!isSame.Contains(true) || !isSame.Contains(false))
        {
            throw new ArgumentException(
                $"the {isSame.Length} validation pairs are all '{(isSame.Contains(true) ? "same" : "different")}': the decision threshold " +
                "cannot be calibrated on them; validation needs pairs of both kinds");
        }

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
                result = ConsoleProgress.Run("training", trainer.Options.TotalSteps, report => trainer.Fit(
                    inputs,
                    sampler,
                    validation,
                    new SyncProgress<TrainingProgress>(p => report(p.Step, $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:F4}  {p.ExamplesPerSecond:F0} {unit}/s")),
                    summary =>
                    {
                        new ModelBundle(configFor(null, summary.Epoch, null), network).Save(checkpoint, overwrite: true);
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

            if (interrupt.Token.IsCancellationRequested)
            {
                // A run stopped by the user is not a model: the previous model stays, and the checkpoint lets it go on.
                throw new OperationCanceledException(haveCheckpoint
                    ? $"interrupted: {output} was not written; the last completed epoch is kept in {checkpoint}: run the same command with --resume to go on"
                    : $"interrupted before the first epoch completed: {output} was not written and there is no checkpoint of this run");
            }
        }

        ConsoleReports.WriteEpochs(result);
        var scores = validation.Scores(network);
        DecisionThreshold decision;
        try
        {
            decision = ThresholdCalibrator.Calibrate(scores, isSame, network.Distance.LargerIsCloser, criterion);
        }
        catch (ArgumentException ex)
        {
            // Keep the trained weights where the user can find them: the checkpoint of the last epoch stays on disk.
            throw new ArgumentException(
                $"could not calibrate the decision threshold on the validation pairs ({ErrorMessages.For(ex, [], SiameseApp.Verbs)}); " +
                $"{output} was not written, the last epoch is kept in {checkpoint}", ex);
        }

        var bundle = new ModelBundle(configFor(decision, result.Epochs.Count == 0 ? firstEpoch - 1 : result.Epochs[^1].Epoch, result), network);
        bundle.Save(output, overwrite: force);
        File.Delete(checkpoint);
        AnsiConsole.MarkupLine($"Saved [bold]{Markup.Escape(output)}[/] (epoch {result.BestEpoch} kept; threshold {decision.Value:G4} by {Markup.Escape(decision.Criterion)}, validation accuracy {decision.Accuracy:P2}); {result.ExamplesPerSecond:F0} {unit}/s, {result.Elapsed.TotalSeconds:F0} s.");
        return bundle;
    }
}
