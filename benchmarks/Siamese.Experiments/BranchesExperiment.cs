using System.Diagnostics;
using System.Globalization;
using System.Text;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Training;

namespace Siamese.Experiments;

/// <summary>
/// "Are more branches better?" Trains each structure (pair, triplet, quadruplet, N-pair; with and without
/// mining) with the same encoder (the default <see cref="ConvEncoderSpec"/>, L2 distance), the same
/// optimiser and schedule, the same batch size in inputs and the same number of steps — so every structure
/// sees the same number of training examples — for several seeds, and evaluates each model on the
/// Fashion-MNIST test set: 1-NN accuracy against the 60,000 training images, MAP@R among the test images,
/// and verification AUC on 10,000 balanced test pairs (the same pairs for every run).
/// </summary>
/// <remarks>
/// Options: --structures (all of <see cref="Structure.All"/>), --seeds (1,2,3), --steps (1000), --batch (256
/// inputs), --samples-per-class (32), --lr (0.002), --warmup (0.15 of the steps), --embedding (64),
/// --test-pairs (10000), --results (TSV, one line per run, appended as runs finish), --table (Markdown
/// summary), --data, --threads (2). Runs go seed by seed, so a cut-short experiment still covers every structure.
/// </remarks>
internal static class BranchesExperiment
{
    public static int Run(Options options)
    {
        var structures = Structure.Named(options.List("--structures", Structure.All.Select(s => s.Name).ToArray()));
        var seeds = options.List("--seeds", ["1", "2", "3"]).Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out int v)
            ? v : throw new ArgumentException($"--seeds takes whole numbers, not '{s}'")).ToArray();
        int steps = options.Int("--steps", 1000);
        int batch = options.Int("--batch", 256, minimum: 8);
        int samplesPerClass = options.Int("--samples-per-class", 32, minimum: 2);
        double lr = options.Double("--lr", 0.002);
        double warmup = options.Double("--warmup", 0.15);
        int dimension = options.Int("--embedding", 64);
        int testPairs = options.Int("--test-pairs", 10000, minimum: 2);
        string results = options.Text("--results") ?? "branches-results.tsv";
        string? table = options.Text("--table");
        string? data = options.Text("--data");
        options.RejectUnused();

        var train = FashionMnist.Load(data, FashionMnistSplit.Train);
        var test = FashionMnist.Load(data, FashionMnistSplit.Test);
        var normalization = InputNormalization.ComputeFrom(train);
        var inputs = new ImageSetInputSource(train, normalization);
        if (!File.Exists(results))
        {
            File.WriteAllText(results, "structure\tseed\tsteps\texamples\ttrain_seconds\tknn1\tmap_at_r\tauc\n");
        }

        Console.WriteLine($"CONFIG steps={steps} batch={batch} samples_per_class={samplesPerClass} lr={lr} warmup={warmup} embedding={dimension} threads={TorchEngine.Threads} seeds={string.Join(",", seeds)}");
        var runs = new List<RunResult>();
        foreach (int seed in seeds)
        {
            foreach (var structure in structures)
            {
                var setup = structure.Setup with { BatchSize = batch, SamplesPerClass = samplesPerClass };
                TorchEngine.Seed(seed);
                var spec = new ConvEncoderSpec { InputChannels = 1, InputHeight = train.Height, InputWidth = train.Width, EmbeddingDimension = dimension };
                using var network = new TwinNetwork(spec.Build(), Siamese.Distances.Distance.Create(structure.Distance, dimension));
                var loss = setup.Build(network.Distance);
                var sampler = setup.CreateSampler(train.Labels, seed);
                var trainer = new Trainer(network, loss, new TrainerOptions
                {
                    LearningRate = lr,
                    Schedule = LearningRateSchedule.Cosine,
                    WarmupSteps = (int)Math.Round(warmup * steps),
                    Epochs = 1,
                    StepsPerEpoch = steps,
                    Seed = seed,
                    KeepBest = false,
                });
                var clock = Stopwatch.StartNew();
                int lastQuarter = 0;
                var result = trainer.Fit(inputs, sampler, progress: new Progress(p =>
                {
                    int quarter = 4 * p.Step / p.TotalSteps;
                    if (quarter > lastQuarter && p.Validation is null)
                    {
                        lastQuarter = quarter;
                        Console.WriteLine($"  {structure.Name} seed {seed}: step {p.Step}/{p.TotalSteps}, loss {p.Loss:F4}, {p.ExamplesPerSecond:F0} examples/s");
                    }
                }));
                double seconds = clock.Elapsed.TotalSeconds;
                var report = TwinEvaluator.Evaluate(network, test, train, normalization, testPairs, seed: 1);
                var run = new RunResult(structure, seed, steps, (long)steps * (batch - (batch % setup.ClassLabelPlan!.TupleWidth)), seconds,
                    report.Embeddings!.KnnAccuracy, report.Embeddings.Retrieval.MapAtR, report.Verification.Auc);
                runs.Add(run);
                File.AppendAllText(results, run.ToTsv());
                Console.WriteLine($"RUN {run.ToTsv().TrimEnd()}");
            }
        }

        string markdown = Summarize(runs, steps, batch);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (table is not null)
        {
            File.WriteAllText(table, markdown);
        }

        return 0;
    }

    /// <summary>The Markdown table of mean ± sample standard deviation per structure.</summary>
    public static string Summarize(IReadOnlyList<RunResult> runs, int steps, int batch)
    {
        var text = new StringBuilder();
        text.AppendLine($"| Structure | Branches | Seeds | 1-NN accuracy | MAP@R | Verification AUC | Training time (s) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.Structure.Name))
        {
            var list = group.ToList();
            var structure = list[0].Structure;
            text.AppendLine(
                $"| {structure.Name} | {structure.Branches} | {list.Count} | {Stat(list, r => 100 * r.Knn1, "F2")}% | {Stat(list, r => 100 * r.MapAtR, "F2")}% | " +
                $"{Stat(list, r => r.Auc, "F4")} | {Stat(list, r => r.TrainSeconds, "F0")} |");
        }

        text.AppendLine();
        text.AppendLine($"Each run: {steps} steps of {batch} inputs (random tuples use whole tuples: 255 inputs for triplets), Adam with a cosine schedule, mean ± sample standard deviation over seeds.");
        return text.ToString();
    }

    private static string Stat(List<RunResult> runs, Func<RunResult, double> value, string format)
    {
        var values = runs.Select(value).ToArray();
        double mean = values.Average();
        if (values.Length < 2)
        {
            return mean.ToString(format, CultureInfo.InvariantCulture);
        }

        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {std.ToString(format, CultureInfo.InvariantCulture)}";
    }

    /// <summary>One trained and evaluated model.</summary>
    internal sealed record RunResult(Structure Structure, int Seed, int Steps, long Examples, double TrainSeconds, double Knn1, double MapAtR, double Auc)
    {
        public string ToTsv() => string.Create(CultureInfo.InvariantCulture,
            $"{Structure.Name}\t{Seed}\t{Steps}\t{Examples}\t{TrainSeconds:F1}\t{Knn1:F4}\t{MapAtR:F4}\t{Auc:F4}\n");
    }

    /// <summary>Reports on the calling thread (the trainer reports from its own loop).</summary>
    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
