using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Tests.Losses;
using Siamese.Text;
using Siamese.Training;

namespace Siamese.Tests.EndToEnd;

/// <summary>
/// Text similarity on real data: the WordNet sentence pairs (two example sentences of one synset, the lemma masked as
/// ___, against examples of unrelated synsets) that scripts/ensure-wordnet-sets.sh builds before the tests run.
/// </summary>
public class WordNetTextEndToEndTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Train_ShortRunOnARealWordNetSubset_BeatsTheTfIdfBaselineOnHeldOutSynsets()
    {
        // Given 6,000 real training pairs, 500 validation and 1,250 test pairs of synsets never trained on
        string folder = Path.Combine(DataRoot(), "sentence-pairs");
        var columns = new TextPairColumns("sentence1", "sentence2", "label", TextPairLabels.Parse(null, "same", "different"));
        var train = TextPairSet.FromPairs(TextPairFile.Read(Path.Combine(folder, "train.tsv"), columns).Take(6000).ToArray());
        var validation = TextPairSet.FromPairs(TextPairFile.Read(Path.Combine(folder, "validation.tsv"), columns).Take(500).ToArray());
        var test = TextPairSet.FromPairs(TextPairFile.Read(Path.Combine(folder, "test.tsv"), columns));
        var tokenizer = new HashingTokenizer(new TokenizerSettings { BucketCount = 1 << 16 });
        TorchEngine.Seed(4);
        var spec = new TextEncoderSpec
        {
            VocabularySize = tokenizer.Settings.VocabularySize, SequenceModel = TextEncoderKind.Cnn, KernelSizes = [1, 3, 5],
            WordDimension = 48, HiddenDimension = 64, EmbeddingDimension = 64,
        };
        var network = new TwinNetwork(spec.Build(), new CosineSimilarity());

        // When a twin convolutional text encoder trains for 200 steps of 64 positive pairs with the multiple-negatives loss
        var setup = TestLossSpecs.Of("npair", batchSize: 128);
        var options = new TrainerOptions { Epochs = 2, StepsPerEpoch = 100, LearningRate = 0.002, WarmupSteps = 20, Seed = 4 };
        var trainer = new Trainer(network, setup.Build(network.Distance), options);
        var validationSet = new PairValidationSet(TextInputSource.ForPairs(validation, tokenizer), TextPairItems.Of(validation));
        trainer.Fit(TextInputSource.ForPairs(train, tokenizer), setup.CreatePairSampler(TextPairItems.Of(train), null, options.Seed), validationSet);
        var model = TextPairEvaluator.Evaluate(test, new ModelTextScorer(network, tokenizer));
        var baseline = TextPairEvaluator.Evaluate(test, new TfIdfTextScorer([.. train.FirstTexts, .. train.SecondTexts]));

        output.WriteLine($"model AUC {model.Verification!.Auc:F4}, tfidf AUC {baseline.Verification!.Auc:F4}");

        // Then it separates same-synset from unrelated pairs clearly better than TF-IDF cosine fitted on the same texts
        Assert.True(model.Verification!.Auc > baseline.Verification!.Auc + 0.05,
            $"model AUC {model.Verification.Auc:F4}, tfidf AUC {baseline.Verification.Auc:F4}");
    }

    /// <summary>data/wordnet of the checkout (or $SIAMESE_WORDNET_SETS); missing data is a failure, not a skip.</summary>
    private static string DataRoot()
    {
        if (Environment.GetEnvironmentVariable("SIAMESE_WORDNET_SETS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Siamese.slnx")))
            {
                string root = Path.Combine(dir.FullName, "data", "wordnet");
                Assert.True(Directory.Exists(root), $"{root} is missing: run 'bash scripts/ensure-wordnet-sets.sh' (scripts/test.sh does)");
                return root;
            }
        }

        throw new InvalidOperationException("cannot find the checkout (Siamese.slnx) above the test binaries");
    }
}
