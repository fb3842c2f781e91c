using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Samplers;
using Siamese.Text;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Networks;

/// <summary>A pseudo-Siamese text network whose branches share one word-vector table and keep their own sequence models.</summary>
public class SharedWordVectorTests
{
    private static readonly TokenizerSettings Tokens = new() { BucketCount = 500 };

    private static TextEncoderSpec Lstm => new() { VocabularySize = Tokens.VocabularySize, WordDimension = 8, HiddenDimension = 8, EmbeddingDimension = 8 };

    private static TextEncoderSpec Cnn => Lstm with { SequenceModel = TextEncoderKind.Cnn, KernelSizes = [1, 3] };

    [Fact]
    public void BuildSharingWordVectors_SharesTheTableOnlyAndTheTrainerStepsItOnce()
    {
        // Given an LSTM branch and a CNN branch built on the LSTM's word vectors
        TorchEngine.Seed(1);
        var first = Lstm.Build();
        var second = Cnn.BuildSharingWordVectors(first);
        var network = new TwinNetwork(first, second, new CosineSimilarity());

        // Then the table is one tensor under both names, and nothing else is shared
        var firstParameters = first.parameters().ToList();
        var secondParameters = second.parameters().ToList();
        var shared = firstParameters.Where(p => secondParameters.Any(q => ReferenceEquals(p, q) || p.Handle == q.Handle)).ToList();
        var table = Assert.Single(shared);
        Assert.Equal([Tokens.VocabularySize, 8L], table.shape);
        int unique = network.parameters().DistinctBy(p => p.Handle).Count();
        Assert.Equal(firstParameters.Count + secondParameters.Count - 1, unique);

        // When one SGD step (no momentum) trains it on one pair, the table moves by exactly lr x its one gradient
        var tokenizer = new HashingTokenizer(Tokens);
        var inputs = new TwoSidedInputSource(new TextInputSource(["red apple"], tokenizer), new TextInputSource(["a red fruit"], tokenizer));
        var before = table.detach().clone();
        var loss = new ScoreRegressionLoss(network.Distance);
        Tensor expectedGradient;
        using (var scope = NewDisposeScope())
        {
            network.zero_grad();
            var e = network.EmbedItems(inputs, [0, 1]);
            loss.Compute(e, new MetricBatch([0, 1], null, new ScoredPairIndices([0], [1], [1f]))).backward();
            expectedGradient = table.grad!.detach().clone().DetachFromDisposeScope();
            network.zero_grad();
        }

        var options = new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.5, Schedule = LearningRateSchedule.Constant, Epochs = 1, StepsPerEpoch = 1 };
        var sampler = new ScoredPairBatchSampler(new ScoredPairIndices([0], [1], [1f]), 1, seed: 1);
        new Trainer(network, loss, options).Fit(inputs, sampler);
        var moved = (before - table.detach()).abs().max().item<float>();
        var expected = (expectedGradient * 0.5).abs().max().item<float>();
        Assert.True(expected > 0, "the pair must give the table a gradient");
        Assert.Equal(expected, moved, 5);
    }

    [Fact]
    public void Bundle_SharedWordVectors_RoundTripsAndStillShares()
    {
        // Given a saved pseudo-Siamese text model with one word-vector table
        TorchEngine.Seed(2);
        var config = new ModelConfig
        {
            Encoder = Lstm, SecondEncoder = Cnn, ShareWordVectors = true, Distance = "cosine", Tokenizer = Tokens,
            Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
        };
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string path = Path.Combine(Path.GetTempPath(), $"shared-{Guid.NewGuid():N}.siamese");
        try
        {
            bundle.Save(path, overwrite: false);

            // When it is loaded
            var loaded = ModelBundle.Load(path);

            // Then it scores as before, and its branches still read one table
            var tokenizer = new HashingTokenizer(Tokens);
            var scorer = new Siamese.Evaluation.Evaluators.ModelTextScorer(bundle.Network, tokenizer);
            var again = new Siamese.Evaluation.Evaluators.ModelTextScorer(loaded.Network, tokenizer);
            Assert.Equal(scorer.ScorePairs(["red apple"], ["a red fruit"]), again.ScorePairs(["red apple"], ["a red fruit"]));
            Assert.True(loaded.Config.ShareWordVectors);
            var a = loaded.Network.Encoder.parameters().First(p => p.shape[0] == Tokens.VocabularySize);
            var b = loaded.Network.SecondEncoder!.parameters().First(p => p.shape[0] == Tokens.VocabularySize);
            using (no_grad())
            {
                a[1, 0] = tensor(42f);
            }

            Assert.Equal(42f, b[1, 0].item<float>());
            Assert.NotEqual(bundle.Fingerprint, new ModelBundle(config with { ShareWordVectors = false }, bundle.Network).Fingerprint);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BuildSharingWordVectors_DifferentWordDimension_Throws()
    {
        var first = Lstm.Build();
        Assert.Throws<ArgumentException>(() => (Cnn with { WordDimension = 4 }).BuildSharingWordVectors(first));
        Assert.Throws<ArgumentException>(() => ModelBundle.CreateNetwork(new ModelConfig
        {
            Encoder = Lstm, ShareWordVectors = true, Distance = "cosine", Tokenizer = Tokens, Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
        }));
    }
}
