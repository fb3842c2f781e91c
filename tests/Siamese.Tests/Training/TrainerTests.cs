using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Training;

[Collection(LiveTensorCollection.Name)]
public class TrainerTests
{
    private static TwinNetwork NewNetwork(int seed = 3)
    {
        TorchEngine.Seed(seed);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [16], EmbeddingDimension = 4, BatchNorm = false };
        return new TwinNetwork(spec.Build(), new L2Distance());
    }

    private static TrainerOptions Options(int epochs = 3, int steps = 20) => new()
    {
        Epochs = epochs,
        StepsPerEpoch = steps,
        BatchSize = 32,
        LearningRate = 0.01,
        WarmupSteps = 5,
        Seed = 5,
    };

    private static PairValidationSet Validation(SyntheticInputs inputs) =>
        new(inputs, new BalancedPairSampler(inputs.Labels, seed: 99).Next(200));

    private static float[] Weights(TwinNetwork network) =>
        network.parameters().SelectMany(p => p.detach().flatten().data<float>().ToArray()).ToArray();

    [Fact]
    public void Fit_SeparableClasses_RaisesValidationAucAndLowersLoss()
    {
        // Given four well separated classes
        var inputs = new SyntheticInputs(classes: 4, perClass: 40, seed: 1);
        var network = NewNetwork();
        var validation = Validation(inputs);
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options());

        // When trained for three short epochs
        var result = trainer.Fit(inputs, inputs.Labels, validation);

        // Then the last epoch's validation AUC is high and its loss below the first epoch's
        Assert.Equal(3, result.Epochs.Count);
        Assert.True(result.Epochs[^1].ValidationAuc > 0.95, $"AUC {result.Epochs[^1].ValidationAuc}");
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss);
        Assert.True(result.ExamplesPerSecond > 0);
    }

    [Fact]
    public void Fit_ManySteps_KeepsLiveTensorCountFlat()
    {
        // Given a trainer and a probe of live tensors after each step
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 2);
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 2, steps: 40));
        var counts = new List<long>();
        long before = 0, after = 0;

        // When it trains 80 steps with validation, on a fresh thread so that only its own tensors count
        var thread = new Thread(() =>
        {
            before = TorchEngine.LiveTensorCount;
            trainer.Fit(inputs, inputs.Labels, Validation(inputs), new Probe(_ => counts.Add(TorchEngine.LiveTensorCount)));
            after = TorchEngine.LiveTensorCount;
        });
        thread.Start();
        thread.Join();

        // Then the count after step 10 equals the count after the last step of each epoch, and nothing outlives the run
        Assert.Equal(counts[9], counts[38]);
        Assert.Equal(counts[45], counts[78]);
        Assert.Equal(80, counts.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalWeights()
    {
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 4);
        float[] Train()
        {
            var network = NewNetwork(seed: 11);
            new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 1, steps: 15)).Fit(inputs, inputs.Labels);
            return Weights(network);
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void Fit_NanLoss_ThrowsAndKeepsLastGoodEpochWeights()
    {
        // Given inputs that turn to NaN in the second epoch (each step gathers its batch once)
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 6) { PoisonGather = 10 + 4 };
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 3, steps: 10));
        float[]? afterEpoch1 = null;

        // When training runs into it
        var ex = Assert.Throws<TrainingDivergedException>(() =>
            trainer.Fit(inputs, inputs.Labels, epochCompleted: s => afterEpoch1 ??= Weights(network)));

        // Then the error names the step and the network holds epoch 1's finite weights
        Assert.Equal(14, ex.Step);
        Assert.Equal(1, ex.LastGoodEpoch);
        Assert.Contains("NaN", ex.Message);
        Assert.Equal(afterEpoch1, Weights(network));
    }

    [Fact]
    public void Fit_FiniteLossButNanGradientAtAnEpochsLastStep_ThrowsAndKeepsLastGoodEpochWeights()
    {
        // Given a loss whose value stays finite but whose gradient is NaN at step 20, the last of epoch 2
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 6);
        var network = NewNetwork();
        var loss = new NanGradientAtStep(network.Distance, step: 20);
        var trainer = new Trainer(network, loss, Options(epochs: 3, steps: 10));
        var afterEpoch = new Dictionary<int, float[]>();

        // When training reaches it, with validation pairs that would read the weights after that step
        var ex = Assert.Throws<TrainingDivergedException>(() =>
            trainer.Fit(inputs, inputs.Labels, Validation(inputs), epochCompleted: s => afterEpoch[s.Epoch] = Weights(network)));

        // Then the trainer stops before validation scores NaN embeddings, names the step, and keeps epoch 1's weights
        Assert.Equal(20, ex.Step);
        Assert.Equal(1, ex.LastGoodEpoch);
        Assert.Contains("weights became NaN", ex.Message);
        Assert.Equal([1], afterEpoch.Keys);
        Assert.Equal(afterEpoch[1], Weights(network));
    }

    [Fact]
    public void Fit_DivergesInTheFirstEpoch_SaysTheInitialWeightsAreBack()
    {
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 6) { PoisonGather = 3 };
        var network = NewNetwork();
        var initial = Weights(network);
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 2, steps: 10));

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(inputs, inputs.Labels));

        Assert.Equal(0, ex.LastGoodEpoch);
        Assert.Contains("initial weights", ex.Message);
        Assert.DoesNotContain("epoch 0", ex.Message);
        Assert.Equal(initial, Weights(network));
    }

    [Fact]
    public void Fit_CancelledInsideAnEpoch_DropsThatPartAndHoldsTheLastCompletedEpoch()
    {
        // Given a run of 10-step epochs that is cancelled during step 15
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 2);
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 3, steps: 10) with { KeepBest = false });
        using var cancel = new CancellationTokenSource();
        var completed = new Dictionary<int, float[]>();

        // When it trains
        var result = trainer.Fit(inputs, inputs.Labels, epochCompleted: s => completed[s.Epoch] = Weights(network),
            progress: new Probe(p => { if (p.Step == 15) cancel.Cancel(); }), cancellationToken: cancel.Token);

        // Then epoch 1 is the only one reported, and the network holds its weights, not those of 15 steps
        Assert.Equal([1], result.Epochs.Select(e => e.Epoch));
        Assert.Equal([1], completed.Keys);
        Assert.Equal(completed[1], Weights(network));
    }

    /// <summary>Contrastive loss, but at one step its gradient is NaN while its value stays finite.</summary>
    private sealed class NanGradientAtStep(IDistance distance, int step) : MetricLoss(distance)
    {
        private readonly ContrastiveLoss inner = new(distance, 1.0, 0.0);
        private int calls;

        public override string Name => "nan-gradient";

        public override Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels) => inner.Compute(embeddings, labels);

        public override Tensor Compute(Tensor embeddings, MetricBatch batch)
        {
            var value = inner.Compute(embeddings, batch);
            if (++calls != step)
            {
                return value;
            }

            // where() passes a zero gradient to the branch it did not take, and sqrt's backward turns that zero into NaN
            // at a negative input: the value is unchanged, the gradient is NaN.
            var never = zeros_like(embeddings, dtype: ScalarType.Bool);
            return value + where(never, (-(embeddings * embeddings) - 1).sqrt(), zeros_like(embeddings)).sum();
        }
    }

    [Fact]
    public void Fit_KeepBest_RestoresTheEpochWithHighestValidationAuc()
    {
        var inputs = new SyntheticInputs(classes: 4, perClass: 30, seed: 8, noise: 1.5);
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 4, steps: 10) with { LearningRate = 0.05 });
        var snapshots = new Dictionary<int, float[]>();

        var result = trainer.Fit(inputs, inputs.Labels, Validation(inputs), epochCompleted: s => snapshots[s.Epoch] = Weights(network));

        int best = result.Epochs.MaxBy(e => e.ValidationAuc)!.Epoch;
        Assert.Equal(best, result.BestEpoch);
        Assert.Equal(snapshots[best], Weights(network));
    }

    [Fact]
    public void Constructor_LossOverAnotherDistance_Throws()
    {
        var network = NewNetwork();
        var ex = Assert.Throws<ArgumentException>(() => new Trainer(network, new ContrastiveLoss(new L1Distance(), 1, 0), Options()));
        Assert.Contains("l1", ex.Message);
    }

    [Theory]
    [InlineData(0, 10, 32, "epochs")]
    [InlineData(1, 0, 32, "steps per epoch")]
    [InlineData(1, 10, 1, "batch size")]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting(int epochs, int steps, int batch, string expected)
    {
        var network = NewNetwork();
        var options = new TrainerOptions { Epochs = epochs, StepsPerEpoch = steps, BatchSize = batch };
        var ex = Assert.Throws<ArgumentException>(() => new Trainer(network, new ContrastiveLoss(network.Distance, 1, 0), options));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void LearningRateAt_Cosine_WarmsUpThenDecaysToZero()
    {
        var options = new TrainerOptions { Epochs = 2, StepsPerEpoch = 50, LearningRate = 1.0, WarmupSteps = 10 };
        Assert.Equal(0.1, options.LearningRateAt(0), 6);
        Assert.Equal(1.0, options.LearningRateAt(10), 6);
        Assert.Equal(0.5, options.LearningRateAt(55), 6);
        Assert.True(options.LearningRateAt(99) < 0.001);
    }

    [Fact]
    public void LearningRateAt_Step_DecaysEveryNEpochs()
    {
        var options = new TrainerOptions { Schedule = LearningRateSchedule.Step, Epochs = 6, StepsPerEpoch = 10, LearningRate = 1.0, StepDecayEpochs = 2, StepDecayFactor = 0.5 };
        Assert.Equal(1.0, options.LearningRateAt(19), 6);
        Assert.Equal(0.5, options.LearningRateAt(20), 6);
        Assert.Equal(0.25, options.LearningRateAt(45), 6);
    }

    [Fact]
    public void Fit_ResumedFromEpochCheckpoint_ContinuesTheSameLearningRatesAndPairs()
    {
        // Given a 2-epoch run, and a second network resumed from the first one's epoch-1 weights
        var inputs = new SyntheticInputs(classes: 3, perClass: 20, seed: 12);
        var full = NewNetwork(seed: 4);
        var rates = new List<double>();
        float[]? epoch1 = null;
        var options = Options(epochs: 2, steps: 10) with { Optimizer = OptimizerKind.Sgd, Momentum = 0, KeepBest = false };
        new Trainer(full, new ContrastiveLoss(full.Distance, 1.0, 0.0), options)
            .Fit(inputs, inputs.Labels, progress: new Probe(p => rates.Add(p.LearningRate)), epochCompleted: s => epoch1 ??= Weights(full));
        var resumed = NewNetwork(seed: 99);
        using (no_grad())
        {
            var values = epoch1!;
            int offset = 0;
            foreach (var p in resumed.parameters())
            {
                var n = (int)p.numel();
                p.copy_(tensor(values[offset..(offset + n)]).reshape(p.shape));
                offset += n;
            }
        }

        // When the second network trains epoch 2 only (plain SGD keeps no state, so nothing else is lost)
        var resumedRates = new List<double>();
        var result = new Trainer(resumed, new ContrastiveLoss(resumed.Distance, 1.0, 0.0), options with { FirstEpoch = 2 })
            .Fit(inputs, inputs.Labels, progress: new Probe(p => resumedRates.Add(p.LearningRate)));

        // Then it ran epoch 2 alone, on the same pairs at the same learning rates, and ends with the full run's weights
        Assert.Equal(2, Assert.Single(result.Epochs).Epoch);
        Assert.Equal(rates.Skip(10), resumedRates);
        Assert.Equal(2, result.BestEpoch);
        Assert.Equal(Weights(full), Weights(resumed));
    }

    [Fact]
    public void Fit_ExplicitPairList_LearnsFromThosePairsOnly()
    {
        // Given a fixed list of 300 labelled pairs (as a pair-list file would give)
        var inputs = new SyntheticInputs(classes: 4, perClass: 40, seed: 13);
        var list = new BalancedPairSampler(inputs.Labels, seed: 21).Next(300);
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options());

        // When trained from the list
        var result = trainer.Fit(inputs, new PairListSampler(list, seed: 1), Validation(inputs));

        // Then the held-out pairs are separated well
        Assert.True(result.Epochs[^1].ValidationAuc > 0.95, $"AUC {result.Epochs[^1].ValidationAuc}");
    }

    [Fact]
    public void Fit_LossWithAWeightOfItsOwn_TrainsItWithTheNetwork()
    {
        // Given a loss with one learnable scale (as a proxy or ArcFace-style loss would have weights)
        var inputs = new SyntheticInputs(classes: 4, perClass: 40, seed: 13);
        var network = NewNetwork();
        using var loss = new LearnedScaleLoss(network.Distance);
        float before = loss.Scale.item<float>();
        var trainer = new Trainer(network, loss, Options(epochs: 1, steps: 10));

        // When trained for a few steps
        trainer.Fit(inputs, inputs.Labels);

        // Then the loss's weight moved, as the network's did, and it is the loss's only parameter
        Assert.Single(loss.parameters());
        Assert.NotEqual(before, loss.Scale.item<float>());
    }

    /// <summary>The contrastive loss times exp(s) plus s², s learned: a loss with one weight of its own.</summary>
    private sealed class LearnedScaleLoss : MetricLoss
    {
        private readonly ContrastiveLoss inner;

        public LearnedScaleLoss(IDistance distance)
            : base(distance)
        {
            inner = new ContrastiveLoss(distance, 1.0, 0.0);
            Scale = new TorchSharp.Modules.Parameter(tensor(0.5f));
            register_parameter("scale", Scale);
        }

        public TorchSharp.Modules.Parameter Scale { get; }

        public override string Name => "learned-scale";

        public override Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels) => Scaled(inner.Compute(embeddings, labels));

        public override Tensor Compute(Tensor embeddings, MetricBatch batch) => Scaled(inner.Compute(embeddings, batch));

        private Tensor Scaled(Tensor value)
        {
            using var scope = NewDisposeScope();
            return ((value * Scale.exp()) + Scale.square()).MoveToOuterDisposeScope();
        }
    }

    private sealed class Probe(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Validation is null)
            {
                onReport(value);
            }
        }
    }
}
