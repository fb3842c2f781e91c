using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Training;

namespace Siamese.Tests.EndToEnd;

public class FashionMnistEndToEndTests
{
    [Fact]
    public void Train_ShortRunOnRealSubset_BeatsTheUntrainedModelClearly()
    {
        // Given 3,000 real training images, 1,000 test images and an untrained twin CNN
        var train = FashionMnist.Load(null, FashionMnistSplit.Train);
        train = train.StratifiedSplit(3000.0 / train.Count, seed: 1).First;
        var test = FashionMnist.Load(null, FashionMnistSplit.Test);
        test = test.StratifiedSplit(0.1, seed: 1).First;
        var normalization = InputNormalization.ComputeFrom(train);
        TorchEngine.Seed(2);
        var spec = new ConvEncoderSpec { Channels = [16, 32], KernelSizes = [3, 3], ConvolutionsPerBlock = 1, HiddenDimension = 64, EmbeddingDimension = 32 };
        var network = new TwinNetwork(spec.Build(), new L2Distance());
        double untrained = TwinEvaluator.Evaluate(network, test, gallery: null, normalization, pairCount: 2000, seed: 5).Verification.Auc;

        // When it trains for 150 steps of 64 pairs
        var options = new TrainerOptions { Epochs = 3, StepsPerEpoch = 50, BatchSize = 64, LearningRate = 0.002, WarmupSteps = 20, Seed = 2 };
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), options);
        var validation = new PairValidationSet(new ImageSetInputSource(test, normalization), new BalancedPairSampler(test.Labels, 9).Next(500));
        trainer.Fit(new ImageSetInputSource(train, normalization), train.Labels, validation);
        var report = TwinEvaluator.Evaluate(network, test, gallery: train, normalization, pairCount: 2000, seed: 5);

        // Then verification AUC rose well above the untrained one, and 1-NN classification works
        Assert.True(report.Verification.Auc > untrained + 0.05, $"untrained AUC {untrained:F4}, trained {report.Verification.Auc:F4}");
        Assert.True(report.Verification.Auc > 0.9, $"trained AUC {report.Verification.Auc:F4}");
        Assert.True(report.Embeddings!.KnnAccuracy > 0.65, $"1-NN accuracy {report.Embeddings.KnnAccuracy:P1}");
    }
}
