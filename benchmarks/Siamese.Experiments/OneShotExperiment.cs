using System.Diagnostics;
using System.Globalization;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation;
using Siamese.Networks;
using Siamese.Training;

namespace Siamese.Experiments;

/// <summary>
/// One-shot recognition of classes never seen in training (issue 4's target): trains each structure on the
/// Fashion-MNIST training images of classes 0-5 only, then measures N-way K-shot accuracy on the test images of
/// classes 6-9 over seeded episodes, and open-set identification (accuracy at a 1% false-accept rate).
/// Options: --structures --seeds --steps --batch --samples-per-class --lr --warmup --embedding --train-classes
/// --test-classes --way --shots --episodes --results --data --threads.
/// </summary>
internal static class OneShotExperiment
{
    public static int Run(Options options)
    {
        var structures = Structure.Named(options.List("--structures", ["npair", "online-pair"]));
        var seeds = options.List("--seeds", ["1"]).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int steps = options.Int("--steps", 1000, minimum: 0);
        int batch = options.Int("--batch", 192, minimum: 8);
        int samplesPerClass = options.Int("--samples-per-class", 32, minimum: 2);
        double lr = options.Double("--lr", 0.002);
        double warmup = options.Double("--warmup", 0.15);
        int dimension = options.Int("--embedding", 64);
        int[] trainClasses = options.List("--train-classes", ["0", "1", "2", "3", "4", "5"]).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int way = options.Int("--way", 4, minimum: 2);
        int shots = options.Int("--shots", 1);
        int episodes = options.Int("--episodes", 2000);
        bool augment = options.Text("--augment") == "true";
        bool rotate = options.Text("--rotate-classes") == "true";
        bool normalize = options.Text("--normalize") != "false";
        int hidden = options.Int("--hidden", 256, minimum: 0);
        int[] channels = options.List("--channels", ["32", "64", "128"]).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        bool flipAverage = options.Text("--tta") == "true";
        string results = options.Text("--results") ?? "oneshot-results.tsv";
        string? data = options.Text("--data");
        options.RejectUnused();

        var (train, _) = FashionMnist.Load(data, FashionMnistSplit.Train).SplitByClass(trainClasses);
        int subclasses = options.Int("--subclasses", 1);
        if (subclasses > 1)
        {
            train = SplitIntoSubclasses(train, subclasses);
        }

        if (rotate)
        {
            train = train.WithRotatedClasses();
        }

        var (_, test) = FashionMnist.Load(data, FashionMnistSplit.Test).SplitByClass(trainClasses);
        var normalization = InputNormalization.ComputeFrom(train);
        var inputs = new ImageSetInputSource(train, normalization);
        if (!File.Exists(results))
        {
            File.WriteAllText(results, "structure\tseed\tsteps\ttrain_seconds\tway\tshots\taccuracy\tci95\topen_set_dir_at_far1\n");
        }

        Console.WriteLine($"CONFIG steps={steps} batch={batch} samples_per_class={samplesPerClass} lr={lr} train_classes={string.Join(",", trainClasses)} test_classes={string.Join(",", test.Classes)} train_images={train.Count} test_images={test.Count}");
        foreach (int seed in seeds)
        {
            foreach (var structure in structures)
            {
                var setup = structure.Setup with { BatchSize = batch, SamplesPerClass = samplesPerClass };
                TorchEngine.Seed(seed);
                var spec = new ConvEncoderSpec { InputChannels = 1, InputHeight = train.Height, InputWidth = train.Width, EmbeddingDimension = dimension, NormalizeOutput = normalize, HiddenDimension = hidden, Channels = channels, KernelSizes = channels.Select(_ => 3).ToArray() };
                using var network = new TwinNetwork(spec.Build(), Siamese.Distances.Distance.Create(structure.Distance, dimension));
                var loss = setup.CreateLoss(network.Distance);
                var sampler = structure.Name.StartsWith("instance", StringComparison.Ordinal)
                    ? new Siamese.Samplers.InstancePairSampler(train.Count, batch / 2, seed)
                    : setup.CreateSampler(train.Labels, seed);
                var trainer = new Trainer(network, loss, new TrainerOptions
                {
                    LearningRate = lr,
                    Schedule = LearningRateSchedule.Cosine,
                    WarmupSteps = (int)Math.Round(warmup * steps),
                    Epochs = 1,
                    StepsPerEpoch = Math.Max(1, steps),
                    Seed = seed,
                    KeepBest = false,
                });
                var clock = Stopwatch.StartNew();
                if (steps > 0)
                trainer.Fit(augment ? new Siamese.Augmentation.AugmentedInputSource(inputs, new Siamese.Augmentation.RandomAffine(new(), seed)) : inputs, sampler);
                double seconds = clock.Elapsed.TotalSeconds;
                using var scope = TorchSharp.torch.NewDisposeScope();
                var embeddings = TwinEvaluator.EmbedAll(network, test, normalization);
                var report = FewShotEvaluator.Evaluate(embeddings, test.Labels, network.Distance,
                    new FewShotOptions { Way = way, Shots = shots, Episodes = episodes, Seed = 1 });
                var trainMean = TwinEvaluator.EmbedAll(network, train, normalization).mean([0]);
                var centered = TorchSharp.torch.nn.functional.normalize(embeddings - trainMean, p: 2, dim: 1);
                var cl2n = FewShotEvaluator.Evaluate(centered, test.Labels, new Siamese.Distances.L2Distance(),
                    new FewShotOptions { Way = way, Shots = shots, Episodes = episodes, Seed = 1 });
                Console.WriteLine($"  centred on the training mean and re-normalised (SimpleShot CL2N): {cl2n}");
                var trainSample = train.StratifiedSplit(0.1, 1).First;
                var trainLayers = LayerFeatures(network, trainSample, normalization, flipAverage).ToDictionary(l => l.Level, l => l.Features);
                foreach (var (level, features) in LayerFeatures(network, test, normalization, flipAverage))
                {
                    var atLevel = FewShotEvaluator.Evaluate(TorchSharp.torch.nn.functional.normalize(features, p: 2, dim: 1), test.Labels, new Siamese.Distances.L2Distance(),
                        new FewShotOptions { Way = way, Shots = shots, Episodes = episodes, Seed = 1 });
                    var centred = TorchSharp.torch.nn.functional.normalize(features - trainLayers[level].mean([0]), p: 2, dim: 1);
                    var atLevelCentred = FewShotEvaluator.Evaluate(centred, test.Labels, new Siamese.Distances.L2Distance(),
                        new FewShotOptions { Way = way, Shots = shots, Episodes = episodes, Seed = 1 });
                    var powered = FewShotEvaluator.Evaluate(TorchSharp.torch.nn.functional.normalize(features.clamp_min(0).sqrt(), p: 2, dim: 1), test.Labels, new Siamese.Distances.L2Distance(),
                        new FewShotOptions { Way = way, Shots = shots, Episodes = episodes, Seed = 1 });
                    Console.WriteLine($"  {level} ({features.shape[1]}-d): L2-normalised {atLevel.Accuracy:P2}, centred on the training mean {atLevelCentred.Accuracy:P2}, square root then L2-normalised {powered.Accuracy:P2}");
                }
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"{structure.Name}{(augment ? "+aug" : "")}{(normalize ? "" : "-unnorm")}{(rotate ? "+rot" : "")}{(subclasses > 1 ? "+sub" + subclasses : "")}{(flipAverage ? "+tta" : "")}{(channels.Length != 3 || channels[0] != 32 ? "+c" + string.Join("-", channels) : "")}\t{seed}\t{steps}\t{seconds:F1}\t{way}\t{shots}\t{report.Accuracy:F4}\t{report.ConfidenceInterval95:F4}\tNaN\n");
                File.AppendAllText(results, line);
                Console.WriteLine($"RUN {line.TrimEnd()}  ({report})");
            }
        }

        return 0;
    }

    /// <summary>The encoder's inner representations of the test images: its flattened convolutional features and its hidden layer.</summary>
    private static IEnumerable<(string Level, TorchSharp.torch.Tensor Features)> LayerFeatures(TwinNetwork network, LabeledImageSet test, InputNormalization normalization, bool flipAverage)
    {
        network.eval();
        var children = network.Encoder.named_children().ToDictionary(c => c.name, c => c.module);
        var features = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)children["features"];
        var head = children["head"].named_children().Where(c => c.name != "projection").Select(c => (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)c.module).ToArray();
        using var noGrad = TorchSharp.torch.no_grad();
        var conv = new List<TorchSharp.torch.Tensor>();
        var hidden = new List<TorchSharp.torch.Tensor>();
        for (int start = 0; start < test.Count; start += 1000)
        {
            var x = test.ToTensor(Enumerable.Range(start, Math.Min(1000, test.Count - start)).ToArray(), normalization);
            var f = features.forward(x);
            if (flipAverage)
            {
                f = (f + features.forward(x.flip(3))) / 2;
            }

            conv.Add(f);
            var h = f;
            foreach (var layer in head)
            {
                h = layer.forward(h);
            }

            hidden.Add(h);
        }

        yield return ("convolutional features", TorchSharp.torch.cat(conv, 0));
        yield return ("convolutional features + hidden", TorchSharp.torch.cat([TorchSharp.torch.nn.functional.normalize(TorchSharp.torch.cat(conv, 0), p: 2, dim: 1), TorchSharp.torch.nn.functional.normalize(TorchSharp.torch.cat(hidden, 0), p: 2, dim: 1)], 1));
        yield return ("hidden layer", TorchSharp.torch.cat(hidden, 0));
    }

    /// <summary>Each class split into <paramref name="k"/> pseudo-classes by k-means on its pixels (15 Lloyd iterations, seeded).</summary>
    private static LabeledImageSet SplitIntoSubclasses(LabeledImageSet set, int k)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var labels = new int[set.Count];
        var random = new Random(1);
        foreach (int c in set.Classes)
        {
            int[] members = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == c).ToArray();
            var x = set.ToTensor(members, InputNormalization.Identity).reshape(members.Length, -1);
            var centroids = x.index_select(0, TorchSharp.torch.tensor(random.GetItems(members.Length < k ? [0] : Enumerable.Range(0, members.Length).ToArray(), k).Select(i => (long)i).ToArray()));
            TorchSharp.torch.Tensor assignment = TorchSharp.torch.zeros(members.Length, dtype: TorchSharp.torch.ScalarType.Int64);
            for (int iteration = 0; iteration < 15; iteration++)
            {
                assignment = TorchSharp.torch.cdist(x, centroids).argmin(1);
                var sums = TorchSharp.torch.zeros(k, x.shape[1]).index_add(0, assignment, x, 1);
                var counts = TorchSharp.torch.zeros(k).index_add(0, assignment, TorchSharp.torch.ones(members.Length), 1).clamp_min(1).unsqueeze(1);
                centroids = sums / counts;
            }

            long[] clusters = assignment.data<long>().ToArray();
            for (int m = 0; m < members.Length; m++)
            {
                labels[members[m]] = (c * k) + (int)clusters[m];
            }
        }

        int[] all = Enumerable.Range(0, set.Count).ToArray();
        var pixels = new byte[set.Count * set.ValuesPerImage];
        set.Pixels.Span.CopyTo(pixels);
        var result = new LabeledImageSet(pixels, labels, set.Channels, set.Height, set.Width);
        Console.WriteLine($"  {set.ClassCount} classes split into {result.ClassCount} k-means pseudo-classes; smallest has {result.Labels.CountBy(l => l).Min(kv => kv.Value)} images");
        return result;
    }
}
