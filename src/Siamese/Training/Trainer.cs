using System.Diagnostics;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Metrics;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Training;

/// <summary>
/// Trains the shared encoder of a <see cref="TwinNetwork"/> with any <see cref="MetricLoss"/> on the
/// batches an <see cref="IBatchSampler"/> serves — pre-drawn pairs (twin network), random triplets or
/// quadruplets (triplet and quadruplet networks), or class-balanced batches the loss mines in: each step
/// embeds the batch's inputs in one pass through the one encoder and hands the embeddings and the batch
/// to the loss, whatever the loss. Optimiser and learning-rate schedule, validation on held-out pairs after each epoch, keep-best and
/// early stopping on a named metric, NaN protection, and progress reports. Every step runs in its own
/// dispose scope, so native memory stays flat however long the run. Runs are deterministic for a seed
/// at a fixed libtorch thread count.
/// </summary>
public sealed class Trainer
{
    private readonly TwinNetwork network;
    private readonly MetricLoss loss;
    private readonly TrainerOptions options;

    /// <summary>Creates a trainer; the options are validated here.</summary>
    public Trainer(TwinNetwork network, MetricLoss loss, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (loss.Distance.Name != network.Distance.Name)
        {
            throw new ArgumentException($"the loss scores pairs with '{loss.Distance.Name}' but the network with '{network.Distance.Name}'");
        }

        this.network = network;
        this.loss = loss;
        this.options = options;
    }

    /// <summary>The validated settings of the run.</summary>
    public TrainerOptions Options => options;

    /// <summary>
    /// Runs the training on balanced random pairs drawn from labelled inputs.
    /// </summary>
    /// <param name="inputs">Training inputs.</param>
    /// <param name="labels">Class of each training input; <see cref="TrainerOptions.BatchSize"/> pairs per step are drawn from these (<see cref="BalancedPairSampler"/>, seeded by <see cref="TrainerOptions.Seed"/>).</param>
    /// <param name="validation">What to validate on after each epoch (held-out pairs, retrieval, or a sequence), or null to train without validation (keep-best and early stopping then use the training loss).</param>
    /// <param name="progress">Receives a report after every step and every epoch.</param>
    /// <param name="epochCompleted">Called after each epoch (for checkpoints), with the network holding that epoch's weights.</param>
    /// <param name="cancellationToken">Stops between steps; the steps of an unfinished epoch are dropped and the network keeps the best weights of the completed epochs.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good weights were restored.</exception>
    public TrainingResult Fit(
        IInputSource inputs,
        IReadOnlyList<int> labels,
        IEvaluator? validation = null,
        IProgress<TrainingProgress>? progress = null,
        Action<EpochSummary>? epochCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != inputs.Count)
        {
            throw new ArgumentException($"{labels.Count} labels for {inputs.Count} inputs");
        }

        return Fit(inputs, new BalancedPairSampler(labels, options.Seed), validation, progress, epochCompleted, cancellationToken);
    }

    /// <summary>
    /// Runs the training on the pairs <paramref name="sampler"/> serves, <see cref="TrainerOptions.BatchSize"/>
    /// per step (for example an explicit pair list through <see cref="PairListSampler"/>).
    /// </summary>
    /// <param name="inputs">Training inputs the pairs index into.</param>
    /// <param name="sampler">Serves the training pairs.</param>
    /// <param name="validation">What to validate on after each epoch, or null to train without validation.</param>
    /// <param name="progress">Receives a report after every step and every epoch.</param>
    /// <param name="epochCompleted">Called after each epoch (for checkpoints), with the network holding that epoch's weights.</param>
    /// <param name="cancellationToken">Stops between steps; the steps of an unfinished epoch are dropped and the network keeps the best weights of the completed epochs.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good weights were restored.</exception>
    public TrainingResult Fit(
        IInputSource inputs,
        IPairSampler sampler,
        IEvaluator? validation = null,
        IProgress<TrainingProgress>? progress = null,
        Action<EpochSummary>? epochCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        return Fit(inputs, new PairBatchSampler(sampler, options.BatchSize), validation, progress, epochCompleted, cancellationToken);
    }

    /// <summary>
    /// Runs the training on the batches <paramref name="sampler"/> serves (pairs, triplets, quadruplets or
    /// labelled class-balanced batches; the loss takes what it needs from each).
    /// </summary>
    /// <param name="inputs">Training inputs the batches index into.</param>
    /// <param name="sampler">Serves one batch per step.</param>
    /// <param name="validation">What to validate on after each epoch, or null to train without validation.</param>
    /// <param name="progress">Receives a report after every step and every epoch.</param>
    /// <param name="epochCompleted">Called after each epoch (for checkpoints), with the network holding that epoch's weights.</param>
    /// <param name="cancellationToken">Stops between steps; the steps of an unfinished epoch are dropped and the network keeps the best weights of the completed epochs.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good weights were restored.</exception>
    public TrainingResult Fit(
        IInputSource inputs,
        IBatchSampler sampler,
        IEvaluator? validation = null,
        IProgress<TrainingProgress>? progress = null,
        Action<EpochSummary>? epochCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sampler);
        string chosen = options.Select ?? validation?.PrimaryMetric ?? MetricNames.Loss;
        if (validation is not null && chosen != MetricNames.Loss && !validation.Metrics.Contains(chosen))
        {
            // Before any step: a name the validation can never give would otherwise end the run after its first epoch.
            throw new ArgumentException($"select: the {validation.Name} validation gives {string.Join(", ", validation.Metrics)}, not '{chosen}'");
        }

        TorchEngine.EnsureInitialized();
        // A weight shared by two branches (a pseudo-Siamese network's common word vectors) is one parameter: listed once,
        // so the optimiser steps it once and clipping counts its gradient once. A loss with weights of its own trains with them.
        var parameters = network.parameters().Concat(loss.parameters()).DistinctBy(p => p.Handle).ToList();
        using var optimizer = CreateOptimizer(parameters);
        var history = new List<EpochSummary>();
        var clock = Stopwatch.StartNew();
        var trainingTime = TimeSpan.Zero;
        int step = 0;
        long examplesSeen = 0;
        int stepsThisRun = 0;
        int bestEpoch = 0;
        double bestScore = double.NaN;
        int epochsWithoutImprovement = 0;
        bool stoppedEarly = false;
        var lastGood = Snapshot();
        Dictionary<string, Tensor>? best = null;

        for (int skipped = 1; skipped < options.FirstEpoch; skipped++)
        {
            // Replay the batch draws of the epochs already done, so that a resumed run continues the same sequence.
            for (int s = 0; s < options.StepsPerEpoch; s++)
            {
                sampler.Next();
            }

            step += options.StepsPerEpoch;
        }

        try
        {
            for (int epoch = options.FirstEpoch; epoch <= options.Epochs && !cancellationToken.IsCancellationRequested; epoch++)
            {
                network.train();
                double lossSum = 0;
                int lossCount = 0;
                var epochClock = Stopwatch.StartNew();
                for (int s = 0; s < options.StepsPerEpoch; s++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }

                    double lr = options.LearningRateAt(step);
                    foreach (var group in optimizer.ParamGroups)
                    {
                        group.LearningRate = lr;
                    }

                    var batch = sampler.Next();
                    double stepLoss = TrainStep(optimizer, parameters, inputs, batch);
                    step++;
                    stepsThisRun++;
                    if (!double.IsFinite(stepLoss))
                    {
                        Restore(lastGood);
                        throw new TrainingDivergedException(step, options.FirstEpoch - 1 + history.Count, stepLoss);
                    }

                    lossSum += stepLoss;
                    lossCount++;
                    examplesSeen += batch.Count;
                    var trained = trainingTime + epochClock.Elapsed;
                    double rate = examplesSeen / Math.Max(1e-9, trained.TotalSeconds);
                    var remaining = TimeSpan.FromSeconds((options.TotalSteps - step) * trained.TotalSeconds / stepsThisRun);
                    progress?.Report(new TrainingProgress(epoch, options.Epochs, step, options.TotalSteps, lossSum / lossCount, lr, rate, clock.Elapsed, remaining, null));
                }

                trainingTime += epochClock.Elapsed;
                if (lossCount < options.StepsPerEpoch)
                {
                    // Cancelled inside the epoch: a part of an epoch is not an epoch (a resumed run would skip the rest of
                    // it), so its steps are dropped and the network goes back to the end of the last completed epoch.
                    Restore(lastGood);
                    break;
                }

                // A step whose loss was finite can still leave NaN weights (its gradient was not finite); the next step's
                // loss shows it, but after an epoch's last step validation would be the first to read them.
                if (!AllFinite(parameters))
                {
                    Restore(lastGood);
                    throw TrainingDivergedException.WeightsNotFinite(step, options.FirstEpoch - 1 + history.Count);
                }

                var metrics = validation is null ? new Dictionary<string, double>() : Validate(validation);
                double trainLoss = lossSum / lossCount;
                string selected = options.Select ?? validation?.PrimaryMetric ?? MetricNames.Loss;
                if (validation is not null && !metrics.ContainsKey(selected))
                {
                    throw new ArgumentException(
                        $"select: the {validation.Name} validation gives {string.Join(", ", metrics.Keys)}, not '{selected}'");
                }

                double score = metrics.TryGetValue(selected, out double value) && !double.IsNaN(value)
                    ? (validation!.GreaterIsBetter(selected) ? value : -value)
                    : double.NaN;
                if (double.IsNaN(score))
                {
                    // No such figure on this set (e.g. AUC on pairs all of one kind): the training loss decides.
                    selected = "train loss";
                    score = -trainLoss;
                }

                bool isBest = double.IsNaN(bestScore) || score > bestScore;
                if (isBest)
                {
                    bestScore = score;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (options.KeepBest)
                    {
                        Dispose(best);
                        best = Snapshot();
                    }
                }
                else
                {
                    epochsWithoutImprovement++;
                }

                Dispose(lastGood);
                lastGood = Snapshot();
                var summary = new EpochSummary(epoch, trainLoss, metrics, selected, isBest, clock.Elapsed);
                history.Add(summary);
                epochCompleted?.Invoke(summary);
                progress?.Report(new TrainingProgress(epoch, options.Epochs, step, options.TotalSteps, trainLoss, options.LearningRateAt(Math.Max(0, step - 1)),
                    examplesSeen / Math.Max(1e-9, trainingTime.TotalSeconds), clock.Elapsed, TimeSpan.Zero, summary));

                if (options.EarlyStoppingPatience > 0 && epochsWithoutImprovement >= options.EarlyStoppingPatience && epoch < options.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }

            if (options.KeepBest && best is not null)
            {
                Restore(best);
            }
            else
            {
                bestEpoch = history.Count == 0 ? 0 : history[^1].Epoch;
            }

            return new TrainingResult(history, bestEpoch, stoppedEarly, clock.Elapsed, examplesSeen / Math.Max(1e-9, trainingTime.TotalSeconds));
        }
        finally
        {
            Dispose(best);
            Dispose(lastGood);
        }
    }

    private double TrainStep(optim.Optimizer optimizer, List<TorchSharp.Modules.Parameter> parameters, IInputSource inputs, MetricBatch batch)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var embeddings = network.EmbedItems(inputs, batch.Items);
        var batchLoss = loss.Compute(embeddings, batch);
        batchLoss.backward();
        if (options.GradientClipNorm > 0)
        {
            nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm);
        }

        optimizer.step();
        return batchLoss.item<float>();
    }

    private static bool AllFinite(List<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return parameters.All(p => isfinite(p).all().item<bool>());
    }

    /// <summary>The evaluator's figures with the loss on its validation pairs added, when it scores pairs and the loss has a value on them.</summary>
    private Dictionary<string, double> Validate(IEvaluator validation)
    {
        var result = validation.Evaluate(network);
        var metrics = new Dictionary<string, double>(result.Metrics);
        var pairs = result.Report switch
        {
            PairScoresReport report => report,
            IEnumerable<object?> reports => reports.OfType<PairScoresReport>().FirstOrDefault(),
            _ => null,
        };
        if (pairs is not null)
        {
            using (no_grad())
            using (NewDisposeScope())
            {
                // Only a pair loss has a value on validation pairs, and a graded loss on graded ones (the same MSE or
                // ranking term it trains on); tuple and batch losses select by the other metrics.
                metrics[MetricNames.Loss] = loss switch
                {
                    PairLoss pairLoss => pairLoss.PerPair(tensor(pairs.Scores), tensor(pairs.IsSame)).mean().item<float>(),
                    GradedPairLoss graded when pairs.Targets is not null => graded.Compute(tensor(pairs.Scores), tensor(pairs.Targets)).item<float>(),
                    _ => double.NaN,
                };
            }
        }

        return metrics;
    }

    private optim.Optimizer CreateOptimizer(List<TorchSharp.Modules.Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        _ => throw new InvalidOperationException($"unknown optimizer {options.Optimizer}"),
    };

    /// <summary>A detached copy of every weight and buffer of the network and the loss, kept outside any dispose scope.</summary>
    private Dictionary<string, Tensor> Snapshot()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var copy = new Dictionary<string, Tensor>();
        foreach (var (name, value) in State())
        {
            copy[name] = value.detach().clone().DetachFromDisposeScope();
        }

        return copy;
    }

    private void Restore(Dictionary<string, Tensor> snapshot)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, value) in State())
        {
            value.copy_(snapshot[name]);
        }
    }

    /// <summary>The network's weights and buffers, then the loss's own under "loss/" (a loss's distance is the network's, listed once).</summary>
    private IEnumerable<(string Name, Tensor Value)> State()
    {
        var seen = new HashSet<IntPtr>();
        foreach (var (name, value) in network.state_dict())
        {
            seen.Add(value.Handle);
            yield return (name, value);
        }

        foreach (var (name, value) in loss.state_dict())
        {
            if (seen.Add(value.Handle))
            {
                yield return ("loss/" + name, value);
            }
        }
    }

    private static void Dispose(Dictionary<string, Tensor>? snapshot)
    {
        if (snapshot is null)
        {
            return;
        }

        foreach (var tensor in snapshot.Values)
        {
            tensor.Dispose();
        }

        snapshot.Clear();
    }
}
