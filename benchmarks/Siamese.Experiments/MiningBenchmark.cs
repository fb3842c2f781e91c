using System.Diagnostics;
using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Miners;
using Siamese.Samplers;
using Siamese.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Experiments;

/// <summary>
/// Times each miner on a batch of real Fashion-MNIST embeddings against the forward and backward pass of
/// the same batch through the reference CNN (triplet loss over fixed triplets, so the pass itself mines
/// nothing). Options: --batch (512), --embedding (128), --repeats (15), --threads (2), --seed (1), --data.
/// Prints one line per miner with its median time and its share of the forward+backward median.
/// </summary>
internal static class MiningBenchmark
{
    public static int Run(Options options)
    {
        int batch = options.Int("--batch", 512, minimum: 4);
        int dimension = options.Int("--embedding", 128);
        int repeats = options.Int("--repeats", 15);
        int seed = options.Int("--seed", 1);
        string? data = options.Text("--data");
        options.RejectUnused();

        TorchEngine.Seed(seed);
        var train = FashionMnist.Load(data, FashionMnistSplit.Train);
        var normalization = InputNormalization.ComputeFrom(train);
        var inputs = new ImageSetInputSource(train, normalization);

        // A class-balanced batch, as mining losses train on: 8 classes x batch/8 samples.
        var sampler = new ClassBalancedBatchSampler(train.Labels, batch - (batch % 8), (batch - (batch % 8)) / 8, seed);
        var drawn = sampler.Next();
        var spec = new ConvEncoderSpec { InputChannels = 1, InputHeight = train.Height, InputWidth = train.Width, EmbeddingDimension = dimension };
        using var encoder = spec.Build();
        encoder.train();
        var parameters = encoder.parameters().ToList();
        var distance = new L2Distance();
        var loss = new TripletMarginLoss(distance);
        using var x = inputs.Gather(drawn.Items);
        TripletIndices fixedTriplets;
        using (var e = encoder.forward(x))
        {
            fixedTriplets = new BatchHardMiner(distance).Mine(e, drawn.Labels!);
        }

        double ForwardBackward()
        {
            using var scope = NewDisposeScope();
            foreach (var p in parameters)
            {
                p.grad?.zero_();
            }

            var clock = Stopwatch.StartNew();
            var value = loss.Compute(encoder.forward(x), fixedTriplets);
            value.backward();
            return clock.Elapsed.TotalMilliseconds;
        }

        double passMs = Median(repeats, ForwardBackward);
        Console.WriteLine($"CONFIG batch={drawn.Count} embedding={dimension} threads={TorchEngine.Threads} repeats={repeats} classes_per_batch={sampler.ClassesPerBatch}");
        Console.WriteLine($"forward+backward: median {passMs:F2} ms");

        using var embeddings = Embed(encoder, x);
        var miners = new (string Name, Func<int> Mine)[]
        {
            ("batch-hard", () => new BatchHardMiner(distance).Mine(embeddings, drawn.Labels!).Count),
            ("semi-hard", () => new TripletMarginMiner(distance, 0.2, TripletSelection.SemiHard).Mine(embeddings, drawn.Labels!).Count),
            ("hard-pair", () => new PairMiner(distance, PairSelection.Hard).Mine(embeddings, drawn.Labels!).Count),
            ("quadruplet batch-hard", () => new QuadrupletMiner(distance, QuadrupletSelection.BatchHard).Mine(embeddings, drawn.Labels!).Count),
            ("batch-all", () => new BatchAllMiner().Mine(embeddings, drawn.Labels!).Count),
        };
        foreach (var (name, mine) in miners)
        {
            int found = 0;
            double ms = Median(repeats, () =>
            {
                var clock = Stopwatch.StartNew();
                found = mine();
                return clock.Elapsed.TotalMilliseconds;
            });
            Console.WriteLine($"RESULT miner={name.Replace(' ', '-')} median_ms={ms:F3} share_of_forward_backward_pct={100 * ms / passMs:F2} tuples={found}");
        }

        return 0;
    }

    private static Tensor Embed(nn.Module<Tensor, Tensor> encoder, Tensor x)
    {
        using var noGrad = no_grad();
        return encoder.forward(x);
    }

    /// <summary>Median of <paramref name="repeats"/> timings after two untimed warm-up calls.</summary>
    private static double Median(int repeats, Func<double> time)
    {
        time();
        time();
        var samples = Enumerable.Range(0, repeats).Select(_ => time()).Order().ToArray();
        return samples.Length % 2 == 1 ? samples[samples.Length / 2] : (samples[(samples.Length / 2) - 1] + samples[samples.Length / 2]) / 2;
    }
}
