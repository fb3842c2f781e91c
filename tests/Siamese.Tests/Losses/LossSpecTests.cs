using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Metrics;
using Siamese.Losses;
using Siamese.Miners;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Tests.Training;
using Siamese.Training;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

[Collection(LiveTensorCollection.Name)]
public class LossSpecTests
{
    /// <summary>4 classes x 40 items.</summary>
    private static readonly int[] FourByForty = Enumerable.Range(0, 160).Select(i => i / 40).ToArray();

    private static TwinNetwork NewNetwork(IDistance distance, int seed = 3)
    {
        TorchEngine.Seed(seed);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [16], EmbeddingDimension = 4, BatchNorm = false };
        return new TwinNetwork(spec.Build(), distance);
    }

    private static PairValidationSet Validation(SyntheticInputs inputs) =>
        new(inputs, new BalancedPairSampler(inputs.Labels, seed: 99).Next(200));

    private static double Auc(TwinNetwork network, PairValidationSet validation) =>
        VerificationMetrics.Evaluate(validation.Scores(network), validation.Pairs.IsSame(), network.Distance.LargerIsCloser).Auc;

    [Theory]
    [InlineData("contrastive", null, typeof(ContrastiveLoss), typeof(PairBatchSampler), 32)]
    [InlineData("energy-contrastive", null, typeof(EnergyContrastiveLoss), typeof(PairBatchSampler), 32)]
    [InlineData("online-contrastive", null, typeof(ContrastiveLoss), typeof(ClassBalancedBatchSampler), 32)]
    [InlineData("online-contrastive", "all", typeof(ContrastiveLoss), typeof(ClassBalancedBatchSampler), 32)]
    [InlineData("triplet", null, typeof(TripletMarginLoss), typeof(ClassBalancedBatchSampler), 32)]
    [InlineData("triplet", "semi-hard", typeof(TripletMarginLoss), typeof(ClassBalancedBatchSampler), 32)]
    [InlineData("triplet", "all", typeof(TripletMarginLoss), typeof(ClassBalancedBatchSampler), 32)]
    [InlineData("triplet", "none", typeof(TripletMarginLoss), typeof(RandomTupleSampler), 30)]
    [InlineData("quadruplet", null, typeof(QuadrupletLoss), typeof(ClassBalancedBatchSampler), 32)]
    [InlineData("quadruplet", "none", typeof(QuadrupletLoss), typeof(RandomTupleSampler), 32)]
    [InlineData("npair", null, typeof(NPairLoss), typeof(ClassBalancedBatchSampler), 32)]
    public void CreateLossAndSampler_EveryLoss_BuildsAPairThatComputesOnItsBatches(string name, string? miner, Type lossType, Type samplerType, int batchCount)
    {
        // Given a set-up of 32 inputs per step, 8 per class, over 4 classes x 40 items
        var setup = TestLossSpecs.Of(name, miner: miner, batchSize: 32, samplesPerClass: 8, margin: name == "energy-contrastive" ? 4.0 : null);
        var distance = new L2Distance();

        // When its loss and sampler are built and a batch is drawn
        var loss = setup.Build(distance);
        var sampler = setup.CreateSampler(FourByForty, seed: 1);
        var batch = sampler.Next();

        // Then they are of the expected kinds and the loss computes a finite value with a gradient on the batch
        Assert.IsType(lossType, loss);
        Assert.IsType(samplerType, sampler);
        Assert.Same(distance, loss.Distance);
        Assert.Equal(batchCount, batch.Count);
        using var e = ToTensor(RandomMatrix(batch.Count, 4, seed: 2), requiresGrad: true);
        using var value = loss.Compute(e, batch);
        value.backward();
        Assert.True(float.IsFinite(value.item<float>()));
        Assert.NotNull(e.grad);
    }

    [Theory]
    [InlineData("online-contrastive", null, typeof(PairMiner), "hard-pair")]
    [InlineData("online-contrastive", "all", typeof(PairMiner), "all")]
    [InlineData("triplet", null, typeof(BatchHardMiner), "batch-hard")]
    [InlineData("triplet", "semi-hard", typeof(TripletMarginMiner), "semi-hard")]
    [InlineData("triplet", "all", typeof(BatchAllMiner), "all")]
    [InlineData("quadruplet", null, typeof(QuadrupletMiner), "batch-hard")]
    public void CreateLoss_MiningLoss_UsesTheNamedMiner(string name, string? miner, Type minerType, string minerName)
    {
        // Given a mining set-up over cosine
        var setup = TestLossSpecs.Of(name, miner: miner, batchSize: 32, samplesPerClass: 8, margin: 0.3);

        // When the loss is built
        var loss = setup.Build(new CosineSimilarity());

        // Then its miner is the named one
        object actual = loss switch
        {
            TupleLoss<PairIndices> pairs => pairs.Miner,
            TupleLoss<TripletIndices> triplets => triplets.Miner,
            TupleLoss<QuadrupletIndices> quadruplets => quadruplets.Miner,
            _ => throw new InvalidOperationException(loss.GetType().Name),
        };
        Assert.IsType(minerType, actual);
        Assert.Equal(minerName, LossSpec.MinerName(setup.EffectiveMiner));
        if (actual is TripletMarginMiner margin)
        {
            Assert.Equal(0.3, margin.Margin);
            Assert.Equal(TripletSelection.SemiHard, margin.Selection);
        }
    }

    [Fact]
    public void CreateLoss_Settings_ReachTheLoss()
    {
        var triplet = (TripletMarginLoss)TestLossSpecs.Of("triplet", margin: 0.4, softMargin: true).Build(new L2Distance());
        var quadruplet = (QuadrupletLoss)TestLossSpecs.Of("quadruplet", margin: 0.3, secondMargin: 0.05).Build(new L2Distance());
        var npair = (NPairLoss)TestLossSpecs.Of("npair", temperature: 0.07).Build(new CosineSimilarity());
        var contrastive = (ContrastiveLoss)TestLossSpecs.Of("contrastive").Build(new CosineSimilarity());

        Assert.Equal((0.4, true), (triplet.Margin, triplet.Soft));
        Assert.Equal((0.3, 0.05), (quadruplet.Margin, quadruplet.SecondMargin));
        Assert.Equal(0.07, npair.Temperature);
        Assert.Equal((0.0, 1.0), (contrastive.Margin, contrastive.PositiveMargin));
    }

    [Fact]
    public void Miners_EachLoss_ListsItsMinersDefaultFirst()
    {
        Assert.Equal(["contrastive", "energy-contrastive", "online-contrastive", "triplet", "quadruplet", "npair", "bce", "prototypical", "cosent", "score-mse"], LossCatalog.Names);
        Assert.Equal(["none"], TestLossSpecs.MinerNames("contrastive"));
        Assert.Equal(["none"], TestLossSpecs.MinerNames("energy-contrastive"));
        Assert.Equal(["hard-pair", "all"], TestLossSpecs.MinerNames("online-contrastive"));
        Assert.Equal(["batch-hard", "semi-hard", "all", "none"], TestLossSpecs.MinerNames("triplet"));
        Assert.Equal(["batch-hard", "none"], TestLossSpecs.MinerNames("quadruplet"));
        Assert.Equal(["all"], TestLossSpecs.MinerNames("npair"));
        Assert.Equal(["none", "hard-pair", "all"], TestLossSpecs.MinerNames("bce"));
        Assert.Equal(["episode"], TestLossSpecs.MinerNames("prototypical"));
        Assert.Equal(["none"], TestLossSpecs.MinerNames("cosent"));
        Assert.Equal(["none"], TestLossSpecs.MinerNames("score-mse"));
    }

    [Fact]
    public void Create_UnknownLoss_ThrowsListingTheLosses()
    {
        var ex = Assert.Throws<ArgumentException>(() => LossCatalog.Create("arcface"));
        Assert.Contains("arcface", ex.Message);
        Assert.Contains("quadruplet", ex.Message);
    }

    [Theory]
    [InlineData("contrastive", "batch-hard")]
    [InlineData("online-contrastive", "none")]
    [InlineData("triplet", "hard-pair")]
    [InlineData("quadruplet", "semi-hard")]
    [InlineData("npair", "none")]
    public void Validate_MinerTheLossDoesNotTake_ThrowsNamingIt(string name, string miner)
    {
        var setup = TestLossSpecs.Of(name, miner: miner);

        var ex = Assert.Throws<ArgumentException>(() => setup.Validate());
        Assert.Contains($"'{miner}'", ex.Message);
        Assert.Throws<ArgumentException>(() => setup.Build(new L2Distance()));
        Assert.Throws<ArgumentException>(() => setup.CreateSampler(FourByForty, seed: 1));
    }

    [Theory]
    [InlineData("contrastive", null, 3, 32, "at least 4 inputs")]
    [InlineData("triplet", "none", 5, 32, "at least 6 inputs")]
    [InlineData("quadruplet", "none", 7, 32, "at least 8 inputs")]
    [InlineData("triplet", null, 30, 8, "samples per class")]
    [InlineData("npair", null, 32, 1, "samples per class")]
    [InlineData("online-contrastive", null, 8, 8, "at least 2 classes")]
    public void Validate_BatchTooSmallOrNotWholeClasses_Throws(string name, string? miner, int batchSize, int samplesPerClass, string expected)
    {
        var setup = TestLossSpecs.Of(name, miner: miner, batchSize: batchSize, samplesPerClass: samplesPerClass);

        var ex = Assert.Throws<ArgumentException>(() => setup.Validate());
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("contrastive", null, 4, 32)]
    [InlineData("triplet", "none", 6, 32)]
    [InlineData("quadruplet", "none", 8, 1)]
    [InlineData("triplet", null, 4, 2)]
    public void Validate_SmallestValidBatch_Passes(string name, string? miner, int batchSize, int samplesPerClass)
    {
        TestLossSpecs.Of(name, miner: miner, batchSize: batchSize, samplesPerClass: samplesPerClass).Validate();
    }

    [Theory]
    [InlineData("contrastive", null, "128 random pairs")]
    [InlineData("energy-contrastive", null, "128 random pairs")]
    [InlineData("online-contrastive", null, "8 classes x 32 samples, hard-pair mining")]
    [InlineData("online-contrastive", "all", "8 classes x 32 samples, all in-batch tuples")]
    [InlineData("triplet", null, "8 classes x 32 samples, batch-hard mining")]
    [InlineData("triplet", "semi-hard", "8 classes x 32 samples, semi-hard mining")]
    [InlineData("triplet", "none", "85 random triplets")]
    [InlineData("quadruplet", null, "8 classes x 32 samples, batch-hard mining")]
    [InlineData("quadruplet", "none", "64 random quadruplets")]
    [InlineData("npair", null, "8 classes x 32 samples, all in-batch tuples")]
    public void DescribeBatch_Defaults_SaysWhatAStepTrainsOn(string name, string? miner, string expected)
    {
        Assert.Equal(expected, TestLossSpecs.Of(name, miner: miner).DescribeBatch());
    }

    [Fact]
    public void CreateLoss_EnergyContrastiveWithoutBound_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestLossSpecs.Of("energy-contrastive").Build(new L2Distance()));
        Assert.Contains("bound", ex.Message);
    }

    [Fact]
    public void CreateSampler_ClassBalancedOverASingletonClass_ThrowsNamingIt()
    {
        int[] labels = [.. FourByForty, 9];

        var ex = Assert.Throws<ArgumentException>(() => TestLossSpecs.Of("triplet", batchSize: 32, samplesPerClass: 8).CreateSampler(labels, seed: 1));
        Assert.Contains("class 9", ex.Message);
    }

    [Theory]
    [InlineData("contrastive", null, "l2")]
    [InlineData("energy-contrastive", null, "l2")]
    [InlineData("online-contrastive", "hard-pair", "l2")]
    [InlineData("online-contrastive", "all", "l2")]
    [InlineData("triplet", "batch-hard", "l2")]
    [InlineData("triplet", "semi-hard", "l2")]
    [InlineData("triplet", "all", "l2")]
    [InlineData("triplet", "none", "l2")]
    [InlineData("quadruplet", "batch-hard", "l2")]
    [InlineData("quadruplet", "none", "l2")]
    [InlineData("npair", null, "l2")]
    [InlineData("npair", null, "cosine")]
    [InlineData("triplet", "batch-hard", "cosine")]
    public void Fit_EveryLoss_RaisesValidationAucAboveTheUntrainedNetwork(string name, string? miner, string distanceName)
    {
        // Given overlapping synthetic classes, an untrained network and the set-up's loss and sampler
        var inputs = new SyntheticInputs(classes: 4, perClass: 40, seed: 14, noise: 1.2);
        var distance = Distance.FromName(distanceName);
        var network = NewNetwork(distance);
        var validation = Validation(inputs);
        double untrained = Auc(network, validation);
        var setup = TestLossSpecs.Of(name, miner: miner, batchSize: 32, samplesPerClass: 8, margin: name == "energy-contrastive" ? 2.0 : null);
        var options = new TrainerOptions { Epochs = 1, StepsPerEpoch = 40, LearningRate = 0.01, WarmupSteps = 5, Seed = 5 };
        var trainer = new Trainer(network, setup.Build(distance), options);

        // When trained for a few dozen steps
        var result = trainer.Fit(inputs, setup.CreateSampler(inputs.Labels, options.Seed), validation);

        // Then the validation AUC rose clearly (about 0.56 untrained; 0.8 to 0.94 after 40 steps when this was written)
        double trained = result.Epochs[^1].ValidationAuc;
        Assert.True(trained > untrained + 0.15, $"AUC {untrained:F3} -> {trained:F3}");
    }

    [Fact]
    public void Fit_BatchHardTriplets_KeepsLiveTensorCountFlat()
    {
        // Given a mining loss on class-balanced batches and a probe of live tensors after each step
        var inputs = new SyntheticInputs(classes: 4, perClass: 20, seed: 2);
        var network = NewNetwork(new L2Distance());
        var setup = TestLossSpecs.Of("triplet", miner: "batch-hard", batchSize: 16, samplesPerClass: 4);
        var options = new TrainerOptions { Epochs = 2, StepsPerEpoch = 30, LearningRate = 0.01, WarmupSteps = 5, Seed = 5 };
        var trainer = new Trainer(network, setup.Build(network.Distance), options);
        var counts = new List<long>();
        long before = 0, after = 0;

        // When it trains 60 steps with validation, on a fresh thread so that only its own tensors count
        var thread = new Thread(() =>
        {
            before = TorchEngine.LiveTensorCount;
            trainer.Fit(inputs, setup.CreateSampler(inputs.Labels, options.Seed), Validation(inputs), new StepProbe(counts));
            after = TorchEngine.LiveTensorCount;
        });
        thread.Start();
        thread.Join();

        // Then the count after step 10 equals the count after the last step of each epoch, and nothing outlives the run
        Assert.Equal(60, counts.Count);
        Assert.Equal(counts[9], counts[29]);
        Assert.Equal(counts[35], counts[59]);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(null, typeof(PairBatchSampler), PairSelection.All, 32)]
    [InlineData("hard-pair", typeof(ClassBalancedBatchSampler), PairSelection.Hard, 32)]
    [InlineData("all", typeof(ClassBalancedBatchSampler), PairSelection.All, 32)]
    public void CreateLossAndSampler_Bce_BuildsTheLossOverTheHeadAndItsBatches(string? miner, Type samplerType, PairSelection selection, int batchCount)
    {
        // Given the bce set-up over the learned head
        var setup = TestLossSpecs.Of("bce", miner: miner, batchSize: 32, samplesPerClass: 8);
        var head = Distance.Create("weighted-l1", 4);

        // When its loss and sampler are built and a batch is drawn
        var loss = setup.Build(head);
        var sampler = setup.CreateSampler(FourByForty, seed: 1);
        var batch = sampler.Next();

        // Then the loss is binary cross-entropy over that head, with the named pair miner, and computes on the batch
        var bce = Assert.IsType<BinaryCrossEntropyLoss>(loss);
        Assert.Same(head, bce.Distance);
        Assert.Equal(selection, Assert.IsType<PairMiner>(bce.Miner).Selection);
        Assert.IsType(samplerType, sampler);
        Assert.Equal(batchCount, batch.Count);
        using var e = ToTensor(RandomMatrix(batch.Count, 4, seed: 2), requiresGrad: true);
        using var value = loss.Compute(e, batch);
        value.backward();
        Assert.True(float.IsFinite(value.item<float>()));
        Assert.NotNull(e.grad);
    }

    [Fact]
    public void CreateLoss_BceOverADistance_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestLossSpecs.Of("bce").Build(new L2Distance()));
        Assert.Contains("weighted-l1", ex.Message);
    }

    [Fact]
    public void CreateLossAndSampler_Prototypical_ReadsClassBalancedBatchesAsEpisodes()
    {
        // Given prototypical set-ups with default and explicit temperature
        var defaults = TestLossSpecs.Of("prototypical", batchSize: 32, samplesPerClass: 8);
        var tuned = (PrototypicalLossSpec)defaults with { Shots = 3, Temperature = 0.5 };

        // When built
        var loss = Assert.IsType<PrototypicalLoss>(defaults.Build(new SquaredL2Distance()));
        var tunedLoss = Assert.IsType<PrototypicalLoss>(tuned.Build(new CosineSimilarity()));
        var sampler = tuned.CreateSampler(FourByForty, seed: 1);

        // Then the settings reach the loss and its batches are class-balanced episodes it can compute on
        Assert.Equal((1, 0.2), (loss.Shots, loss.Temperature));
        Assert.Equal((3, 0.5), (tunedLoss.Shots, tunedLoss.Temperature));
        Assert.Equal("episode", LossSpec.MinerName(defaults.EffectiveMiner));
        Assert.IsType<ClassBalancedBatchSampler>(sampler);
        var batch = sampler.Next();
        using var e = ToTensor(RandomMatrix(batch.Count, 4, seed: 3), requiresGrad: true);
        using var value = tunedLoss.Compute(e, batch);
        value.backward();
        Assert.True(float.IsFinite(value.item<float>()));
    }

    [Theory]
    [InlineData("bce", null, 256, 32, 1, "128 random pairs")]
    [InlineData("bce", "hard-pair", 256, 32, 1, "8 classes x 32 samples, hard-pair mining")]
    [InlineData("bce", "all", 256, 32, 1, "8 classes x 32 samples, all in-batch tuples")]
    [InlineData("prototypical", null, 256, 32, 1, "8-way 1-shot episodes with 31 queries per class")]
    [InlineData("prototypical", null, 64, 16, 5, "4-way 5-shot episodes with 11 queries per class")]
    public void DescribeBatch_BceAndPrototypical_SaysWhatAStepTrainsOn(string name, string? miner, int batchSize, int samplesPerClass, int shots, string expected)
    {
        var setup = TestLossSpecs.Of(name, miner: miner, batchSize: batchSize, samplesPerClass: samplesPerClass, shots: shots);

        Assert.Equal(expected, setup.DescribeBatch());
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    public void Validate_PrototypicalWithoutQueries_Throws(int shots, int samplesPerClass)
    {
        var setup = TestLossSpecs.Of("prototypical", shots: shots, batchSize: 32, samplesPerClass: samplesPerClass);

        var ex = Assert.Throws<ArgumentException>(() => setup.Validate());

        Assert.Contains($"shots {shots}, samples per class {samplesPerClass}", ex.Message);
        Assert.Throws<ArgumentException>(() => setup.Build(new SquaredL2Distance()));
    }

    [Theory]
    [InlineData("bce", "batch-hard")]
    [InlineData("prototypical", "none")]
    [InlineData("prototypical", "all")]
    public void Validate_BceOrPrototypicalWithForeignMiner_ThrowsNamingIt(string name, string miner)
    {
        var ex = Assert.Throws<ArgumentException>(() => TestLossSpecs.Of(name, miner: miner).Validate());
        Assert.Contains($"'{miner}'", ex.Message);
    }

    [Fact]
    public void Validate_PrototypicalWithOneQueryPerClass_Passes()
    {
        TestLossSpecs.Of("prototypical", shots: 7, batchSize: 16, samplesPerClass: 8).Validate();
    }

    [Theory]
    [InlineData("bce", "none", "weighted-l1", 1)]
    [InlineData("bce", "hard-pair", "weighted-l1", 1)]
    [InlineData("prototypical", null, "squared-l2", 1)]
    [InlineData("prototypical", null, "squared-l2", 3)]
    [InlineData("prototypical", null, "cosine", 1)]
    public void Fit_BceAndPrototypical_RaiseValidationAucAboveTheUntrainedNetwork(string name, string? miner, string distanceName, int shots)
    {
        // Given overlapping synthetic classes, an untrained network and the set-up's loss and sampler
        var inputs = new SyntheticInputs(classes: 4, perClass: 40, seed: 14, noise: 1.2);
        var distance = Distance.Create(distanceName, 4);
        var network = NewNetwork(distance);
        var validation = Validation(inputs);
        double untrained = Auc(network, validation);
        var setup = TestLossSpecs.Of(name, miner: miner, batchSize: 32, samplesPerClass: 8, shots: shots);
        var options = new TrainerOptions { Epochs = 1, StepsPerEpoch = 40, LearningRate = 0.01, WarmupSteps = 5, Seed = 5 };
        var trainer = new Trainer(network, setup.Build(distance), options);

        // When trained for a few dozen steps
        var result = trainer.Fit(inputs, setup.CreateSampler(inputs.Labels, options.Seed), validation);

        // Then the validation AUC rose clearly
        double trained = result.Epochs[^1].ValidationAuc;
        Assert.True(trained > untrained + 0.15, $"AUC {untrained:F3} -> {trained:F3}");
    }

    private sealed class StepProbe(List<long> counts) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Validation is null)
            {
                counts.Add(TorchEngine.LiveTensorCount);
            }
        }
    }
}
