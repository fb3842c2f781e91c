using System.Diagnostics;
using System.Globalization;
using Siamese.Augmentation;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Experiments;

/// <summary>
/// One-shot recognition of classes never seen in training (issue 4's target): trains each structure on the
/// Fashion-MNIST training images of classes 0-5 only, then measures N-way K-shot accuracy on the test images of the
/// other classes over seeded episodes, with the embedding taken from each layer of the encoder (projection, hidden,
/// convolutional features) and open-set identification at a 1% false-accept rate on the features.
/// Options: --structures --seeds --steps --batch --samples-per-class --lr --warmup --embedding --hidden --channels --convs-per-block
/// --train-classes --way --shots --episodes --augment true --rotate-classes true --subclasses K --results --data --threads.
/// --subclasses K splits each training class into K pseudo-classes by k-means on its pixels.
/// "instance" structures train on two distorted views of each image (SimCLR-style) and need --augment true.
/// </summary>
internal static class OneShotExperiment
{
    private static readonly EmbeddingLayer[] Layers = [EmbeddingLayer.Projection, EmbeddingLayer.Hidden, EmbeddingLayer.Features];

    public static int Run(Options options)
    {
        var structures = Structure.Named(options.List("--structures", ["npair"]));
        var seeds = options.List("--seeds", ["1"]).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int steps = options.Int("--steps", 1000, minimum: 0);
        int batch = options.Int("--batch", 192, minimum: 8);
        int samplesPerClass = options.Int("--samples-per-class", 32, minimum: 2);
        double lr = options.Double("--lr", 0.002);
        double warmup = options.Double("--warmup", 0.15);
        int dimension = options.Int("--embedding", 64);
        int hidden = options.Int("--hidden", 256);
        int convolutionsPerBlock = options.Int("--convs-per-block", 1);
        int[] channels = options.List("--channels", ["32", "64", "128"]).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        int[] trainClasses = options.List("--train-classes", ["0", "1", "2", "3", "4", "5"]).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int way = options.Int("--way", 4, minimum: 2);
        int shots = options.Int("--shots", 1);
        int episodes = options.Int("--episodes", 2000);
        bool augment = options.Text("--augment") == "true";
        bool rotate = options.Text("--rotate-classes") == "true";
        int subclasses = options.Int("--subclasses", 1);
        string results = options.Text("--results") ?? "oneshot-results.tsv";
        string? data = options.Text("--data");
        options.RejectUnused();

        var (train, _) = FashionMnist.Load(data, FashionMnistSplit.Train).SplitByClass(trainClasses);
        var (_, test) = FashionMnist.Load(data, FashionMnistSplit.Test).SplitByClass(trainClasses);
        if (subclasses > 1)
        {
            train = SplitIntoSubclasses(train, subclasses);
        }

        if (rotate)
        {
            train = train.WithRotatedClasses();
        }

        var normalization = InputNormalization.ComputeFrom(train);
        IInputSource inputs = new ImageSetInputSource(train, normalization);
        if (!File.Exists(results))
        {
            File.WriteAllText(results, "structure\taugment\trotate\tseed\tsteps\ttrain_seconds\tway\tshots\tprojection\thidden\tfeatures\tfeatures_ci95\topen_set_accuracy_at_far1\topen_set_dir_at_far1\n");
        }

        Console.WriteLine($"CONFIG steps={steps} batch={batch} samples_per_class={samplesPerClass} lr={lr} augment={augment} rotate={rotate} subclasses={subclasses} channels={string.Join(",", channels)} convs_per_block={convolutionsPerBlock} train_classes={string.Join(",", trainClasses)} test_classes={string.Join(",", test.Classes)} train_images={train.Count} test_images={test.Count}");
        var episodeOptions = new FewShotOptions { Way = way, Shots = shots, Episodes = episodes, Seed = 1 };
        foreach (int seed in seeds)
        {
            foreach (var structure in structures)
            {
                var setup = structure.Setup with { BatchSize = batch, SamplesPerClass = samplesPerClass };
                TorchEngine.Seed(seed);
                var spec = new ConvEncoderSpec
                {
                    InputHeight = train.Height, InputWidth = train.Width, EmbeddingDimension = dimension,
                    HiddenDimension = hidden, Channels = channels, KernelSizes = channels.Select(_ => 3).ToArray(), ConvolutionsPerBlock = convolutionsPerBlock,
                };
                using var network = new TwinNetwork(spec.Build(), Siamese.Distances.Distance.Create(structure.Distance, dimension));
                var clock = Stopwatch.StartNew();
                if (steps > 0)
                {
                    Train(network, structure, setup, train, augment ? new AugmentedInputSource(inputs, new RandomAffine(new AffineAugmentationOptions(), seed)) : inputs,
                        new TrainerOptions { LearningRate = lr, WarmupSteps = (int)Math.Round(warmup * steps), Epochs = 1, StepsPerEpoch = steps, Seed = seed, KeepBest = false });
                }

                double seconds = clock.Elapsed.TotalSeconds;
                var accuracy = new Dictionary<EmbeddingLayer, FewShotReport>();
                OpenSetReport? openSet = null;
                foreach (var layer in Layers)
                {
                    // The same weights, handing out another layer's output as the embedding.
                    using var view = new TwinNetwork((spec with { EmbeddingLayer = layer }).Build(), new Siamese.Distances.CosineSimilarity());
                    view.Encoder.load_state_dict(network.Encoder.state_dict());
                    using var scope = NewDisposeScope();
                    var embeddings = TwinEvaluator.EmbedAll(view, test, normalization);
                    accuracy[layer] = FewShotEvaluator.Evaluate(embeddings, test.Labels, view.Distance, episodeOptions);
                    if (layer == EmbeddingLayer.Features)
                    {
                        openSet = OpenSetEvaluator.Evaluate(embeddings, test.Labels, view.Distance, new OpenSetOptions { KnownClasses = test.ClassCount / 2 });
                    }

                    Console.WriteLine($"  {layer} ({(spec with { EmbeddingLayer = layer }).OutputDimension}-d): {accuracy[layer]}");
                }

                Console.WriteLine($"  open set on the features: rank-1 {openSet!.Rank1Accuracy:P2}; at FAR {openSet.FalseAcceptRate:P2}: accuracy {openSet.Accuracy:P2}, DIR {openSet.DetectionIdentificationRate:P2}");
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"{structure.Name}\t{augment}\t{rotate}\t{seed}\t{steps}\t{seconds:F1}\t{way}\t{shots}\t{accuracy[EmbeddingLayer.Projection].Accuracy:F4}\t{accuracy[EmbeddingLayer.Hidden].Accuracy:F4}\t{accuracy[EmbeddingLayer.Features].Accuracy:F4}\t{accuracy[EmbeddingLayer.Features].ConfidenceInterval95:F4}\t{openSet.Accuracy:F4}\t{openSet.DetectionIdentificationRate:F4}\n");
                File.AppendAllText(results, line);
                Console.Write($"RUN {line}");
            }
        }

        return 0;
    }

    private static void Train(TwinNetwork network, Structure structure, LossSpec setup, LabeledImageSet train, IInputSource inputs, TrainerOptions options)
    {
        var loss = setup.Build(network.Distance);
        IBatchSampler sampler = structure.Name.StartsWith("instance", StringComparison.Ordinal)
            ? new InstancePairSampler(train.Count, setup.BatchSize / 2, options.Seed)
            : setup.CreateSampler(train.Labels, options.Seed);
        new Trainer(network, loss, options).Fit(inputs, sampler);
    }

    /// <summary>Each class split into <paramref name="k"/> pseudo-classes by k-means on its pixels (15 Lloyd iterations from seeded random centres).</summary>
    private static LabeledImageSet SplitIntoSubclasses(LabeledImageSet set, int k)
    {
        using var scope = NewDisposeScope();
        var labels = new int[set.Count];
        var random = new Random(1);
        foreach (int c in set.Classes)
        {
            int[] members = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == c).ToArray();
            var x = set.ToTensor(members, InputNormalization.Identity).reshape(members.Length, -1);
            long[] seeds = random.GetItems(Enumerable.Range(0, members.Length).Select(i => (long)i).ToArray(), k);
            var centres = x.index_select(0, tensor(seeds));
            var assignment = zeros(members.Length, dtype: ScalarType.Int64);
            for (int iteration = 0; iteration < 15; iteration++)
            {
                assignment = cdist(x, centres).argmin(1);
                var sums = zeros(k, x.shape[1]).index_add(0, assignment, x, 1);
                var counts = zeros(k).index_add(0, assignment, ones(members.Length), 1).clamp_min(1).unsqueeze(1);
                centres = sums / counts;
            }

            long[] clusters = assignment.data<long>().ToArray();
            for (int m = 0; m < members.Length; m++)
            {
                labels[members[m]] = (c * k) + (int)clusters[m];
            }
        }

        // Clusters of fewer than 10 images (outliers) are dropped; the rest are renumbered densely.
        var sizes = labels.CountBy(l => l).ToDictionary(kv => kv.Key, kv => kv.Value);
        int[] kept = Enumerable.Range(0, set.Count).Where(i => sizes[labels[i]] >= 10).ToArray();
        var dense = kept.Select(i => labels[i]).Distinct().Order().Select((label, index) => (label, index)).ToDictionary(p => p.label, p => p.index);
        var subset = set.Subset(kept);
        var result = new LabeledImageSet(subset.Pixels.Span, kept.Select(i => dense[labels[i]]).ToArray(), set.Channels, set.Height, set.Width);
        Console.WriteLine($"  {set.ClassCount} classes split into {result.ClassCount} k-means pseudo-classes of at least 10 images ({set.Count - kept.Length} outliers dropped)");
        return result;
    }
}
