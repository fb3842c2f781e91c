using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Metrics;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Tests.Training;
using Siamese.Text;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Inputs;

public class TextInputSourceTests
{
    [Fact]
    public void Gather_Texts_GivesTheTokenizersPaddedIds()
    {
        // Given two texts of 1 and 3 words
        TorchEngine.EnsureInitialized();
        var tokenizer = new HashingTokenizer(new TokenizerSettings { BucketCount = 1000 });
        var source = new TextInputSource(["cat", "a big dog", "unused"], tokenizer);

        // When they are gathered in reverse order
        using var scope = NewDisposeScope();
        var ids = source.Gather([1, 0]);

        // Then the tensor is (2, 3, G) with the tokenizer's ids and zero padding after "cat"
        Assert.Equal(3, source.Count);
        Assert.Equal(2, ids.shape[0]);
        Assert.Equal(3, ids.shape[1]);
        long[] expected = tokenizer.Tokenize("cat").WordIds(0).ToArray().Select(i => (long)i).ToArray();
        Assert.Equal(expected, ids[1, 0].data<long>().ToArray().Take(expected.Length));
        Assert.Equal(0, ids[1, 1].abs().sum().item<long>());
    }

    [Fact]
    public void Gather_TextsGatheredBefore_GivesTheSameIdsAsTokenizingAfresh()
    {
        // Given a source whose first two texts were gathered once already
        TorchEngine.EnsureInitialized();
        var tokenizer = new HashingTokenizer(new TokenizerSettings { BucketCount = 1000 });
        string[] texts = ["cat", "a big dog", "the unused one"];
        var source = new TextInputSource(texts, tokenizer);
        using var scope = NewDisposeScope();
        source.Gather([1, 0]);

        // When old and new texts are gathered together, in another order
        var ids = source.Gather([0, 2, 1]);

        // Then the ids are those of tokenizing and padding the texts afresh
        using var fresh = tokenizer.TokenizeBatch([texts[0], texts[2], texts[1]]);
        Assert.Equal(fresh.Ids.shape, ids.shape);
        Assert.Equal(fresh.Ids.data<long>().ToArray(), ids.data<long>().ToArray());
    }

    [Fact]
    public void Fit_TextTopics_TextEncoderLearnsToTellThemApart()
    {
        // Given short texts on 4 topics (words drawn from each topic's own vocabulary, with misspellings the
        // tokenizer never saw whole), a twin LSTM text encoder and the N-pair loss
        TorchEngine.EnsureInitialized();
        manual_seed(7);
        string[][] topics =
        [
            ["river", "boat", "water", "fish", "shore", "stream"],
            ["engine", "wheel", "road", "driver", "fuel", "garage"],
            ["violin", "melody", "concert", "singer", "rhythm", "chorus"],
            ["planet", "orbit", "comet", "galaxy", "telescope", "star"],
        ];
        var random = new Random(5);
        string Text(int topic) => string.Join(' ', Enumerable.Range(0, random.Next(3, 7))
            .Select(_ => topics[topic][random.Next(6)])
            .Select(w => random.Next(4) == 0 ? w + "s" : w));
        var labels = Enumerable.Range(0, 320).Select(i => i % 4).ToArray();
        var texts = labels.Select(Text).ToArray();
        var tokenizer = new HashingTokenizer(new TokenizerSettings { BucketCount = 4096 });
        var spec = new TextEncoderSpec { VocabularySize = tokenizer.Settings.VocabularySize, WordDimension = 16, HiddenDimension = 16, EmbeddingDimension = 16 };
        using var network = new TwinNetwork(spec.Build(), new CosineSimilarity());
        var inputs = new TextInputSource(texts[..240], tokenizer);
        var validation = new PairValidationSet(new TextInputSource(texts[240..], tokenizer), new BalancedPairSampler(labels[240..], 3).Next(200));
        double before = VerificationMetrics.Evaluate(validation.Scores(network), validation.Pairs.IsSame(), true).Auc;

        // When it trains for 60 steps of class-balanced batches
        var trainer = new Trainer(network, new NPairLoss(network.Distance), new TrainerOptions { Epochs = 1, StepsPerEpoch = 60, LearningRate = 0.01, KeepBest = false });
        trainer.Fit(inputs, new ClassBalancedBatchSampler(labels[..240], 32, 8, seed: 1));
        double after = VerificationMetrics.Evaluate(validation.Scores(network), validation.Pairs.IsSame(), true).Auc;

        // Then held-out texts of one topic score closer than texts of two
        Assert.True(after > 0.95 && after > before + 0.1, $"validation AUC {before:F3} -> {after:F3}");
    }
}
