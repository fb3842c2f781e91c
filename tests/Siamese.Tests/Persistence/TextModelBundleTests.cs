using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Text;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

public class TextModelBundleTests
{
    [Fact]
    public void SaveLoad_TextModel_KeepsTheTokenizerAndEmbedsTextsTheSame()
    {
        // Given a text twin with its tokenizer settings
        using var folder = new TempFolder();
        TorchEngine.EnsureInitialized();
        var settings = new TokenizerSettings { BucketCount = 500, MaxTokens = 12, StripAccents = true };
        var config = Config(settings, vocabulary: 501);
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string[] texts = ["a café by the river", "engine oil"];

        // When it is saved and loaded
        bundle.Save(folder.File("text.siamese"), overwrite: false);
        var loaded = ModelBundle.Load(folder.File("text.siamese"));

        // Then the tokenizer comes back and the same texts give the same embeddings and fingerprint
        Assert.Equal(settings, loaded.Config.Tokenizer);
        using var scope = NewDisposeScope();
        var before = bundle.Network.Embed(new TextInputSource(texts, new HashingTokenizer(settings)).Gather([0, 1]));
        var after = loaded.Network.Embed(new TextInputSource(texts, new HashingTokenizer(loaded.Config.Tokenizer!)).Gather([0, 1]));
        Assert.True(before.allclose(after, atol: 1e-6));
        Assert.Equal(bundle.Fingerprint, loaded.Fingerprint);
    }

    [Fact]
    public void Fingerprint_OtherTokenizer_Differs()
    {
        // Given one text network described with two tokenizer salts
        TorchEngine.EnsureInitialized();
        var config = Config(new TokenizerSettings { BucketCount = 500 }, vocabulary: 501);
        var network = ModelBundle.CreateNetwork(config);

        // When both are fingerprinted, then they differ: the same text gets other ids
        Assert.NotEqual(
            new ModelBundle(config, network).Fingerprint,
            new ModelBundle(config with { Tokenizer = config.Tokenizer! with { Seed = 9 } }, network).Fingerprint);
    }

    [Theory]
    [InlineData(true, "needs the tokenizer")]
    [InlineData(false, "makes 501 ids but the text encoder has 1001")]
    public void CreateNetwork_TokenizerMissingOrMismatched_IsRefused(bool missing, string expected)
    {
        var config = Config(missing ? null : new TokenizerSettings { BucketCount = 500 }, vocabulary: 1001);
        var ex = Assert.Throws<ArgumentException>(() => ModelBundle.CreateNetwork(config));
        Assert.Contains(expected, ex.Message);
    }

    private static ModelConfig Config(TokenizerSettings? tokenizer, int vocabulary) => new()
    {
        Encoder = new TextEncoderSpec { VocabularySize = vocabulary, WordDimension = 8, HiddenDimension = 8, EmbeddingDimension = 8 },
        Distance = "cosine",
        Input = new InputSpec(1, 1, 1, InputNormalization.Identity),
        Tokenizer = tokenizer,
    };
}
