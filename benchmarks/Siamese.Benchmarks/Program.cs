using System.Diagnostics;
using System.Globalization;
using Siamese.Benchmarks;
using Siamese.Data;
using Siamese.Distances;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Training;

// Trains a twin CNN with the library's own Trainer, exactly as a user of the library would, and reports
// pairs per second per epoch, resident memory per epoch, and one machine-readable RESULT line.
// benchmarks/peer_pytorch.py does the same in Python PyTorch; benchmarks/run-peer-comparison.sh runs both.
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

if (settings.ShowHelp)
{
    Console.WriteLine(BenchmarkSettings.Usage);
    return 0;
}

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
TorchEngine.EnsureInitialized();
TorchEngine.Threads = settings.Threads;
TorchEngine.Seed(settings.Seed);

LabeledImageSet train;
try
{
    train = FashionMnist.Load(settings.DataDirectory, FashionMnistSplit.Train);
}
catch (DataFormatException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

var normalization = InputNormalization.ComputeFrom(train);
var inputs = new ImageSetInputSource(train, normalization);
var distance = new L2Distance();
using var network = new TwinNetwork(settings.Architecture.Build(), distance);
var loss = new ContrastiveLoss(distance, margin: 1.0, positiveMargin: 0.0);
long parameterCount = network.parameters().Sum(p => p.numel());

Console.WriteLine($"ARCH {settings.DescribeArchitecture()} params={parameterCount}");
Console.WriteLine(
    $"CONFIG impl=siamese steps={settings.Steps} epochs={settings.Epochs} batch={settings.Batch} threads={TorchEngine.Threads} " +
    $"warmup={settings.WarmupSteps} seed={settings.Seed} images={train.Count} mean={normalization.Mean:F4} std={normalization.Std:F4}");

// Constant learning rate (as the peer's plain Adam), no validation, no keep-best copies: only training steps.
var common = new TrainerOptions
{
    Optimizer = OptimizerKind.Adam,
    LearningRate = 1e-3,
    Schedule = LearningRateSchedule.Constant,
    BatchSize = settings.Batch,
    Seed = settings.Seed,
    KeepBest = false,
};

if (settings.WarmupSteps > 0)
{
    var warmupClock = Stopwatch.StartNew();
    new Trainer(network, loss, common with { Epochs = 1, StepsPerEpoch = settings.WarmupSteps }).Fit(inputs, train.Labels);
    Console.WriteLine($"warm-up: {settings.WarmupSteps} steps in {warmupClock.Elapsed.TotalSeconds:F2} s (not timed), rss {ProcessMemory.CurrentMiB():F1} MiB");
}

int stepsPerEpoch = settings.Steps / settings.Epochs;
var timed = new Trainer(network, loss, common with { Epochs = settings.Epochs, StepsPerEpoch = stepsPerEpoch });
var rssByEpoch = new List<double>();
double timedSeconds = 0;
var lap = Stopwatch.StartNew();
timed.Fit(inputs, train.Labels, epochCompleted: summary =>
{
    double seconds = lap.Elapsed.TotalSeconds;
    double rss = ProcessMemory.CurrentMiB();
    timedSeconds += seconds;
    rssByEpoch.Add(rss);
    long pairs = (long)stepsPerEpoch * settings.Batch;
    Console.WriteLine(
        $"epoch {summary.Epoch}/{settings.Epochs}: {pairs} pairs in {seconds:F2} s = {pairs / seconds:F1} pairs/s, " +
        $"loss {summary.TrainLoss:F4}, rss {rss:F1} MiB (anon {ProcessMemory.AnonymousMiB():F1}, file {ProcessMemory.FileMiB():F1})");
    lap.Restart();
});

double pairsPerSecond = (double)settings.Steps * settings.Batch / timedSeconds;
double rssEpoch2 = rssByEpoch[Math.Min(1, rssByEpoch.Count - 1)];
double rssLast = rssByEpoch[^1];
double driftPercent = 100.0 * (rssLast - rssEpoch2) / rssEpoch2;
Console.WriteLine(
    $"RESULT impl=siamese pairs_per_s={pairsPerSecond:F1} peak_rss_mib={ProcessMemory.PeakMiB():F1} " +
    $"rss_epoch2_mib={rssEpoch2:F1} rss_last_mib={rssLast:F1} drift_pct={driftPercent:F2} " +
    $"steps={settings.Steps} epochs={settings.Epochs} batch={settings.Batch} threads={settings.Threads} params={parameterCount}");
return 0;
