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
    public void Save_TextModel_StoresNoImageInputAndKeepsTheFingerprintOfTheFormerPlaceholder()
    {
        // Given a text twin described without an image input, and the same network described with the 0x0x0 input
        // format-2 bundles of text models stored
        using var folder = new TempFolder();
        TorchEngine.EnsureInitialized();
        var config = Config(new TokenizerSettings { BucketCount = 500 }, vocabulary: 501) with { Input = null };
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        var formatTwo = new ModelBundle(config with { Input = InputSpec.NoImages }, bundle.Network);

        // When it is saved
        string path = folder.File("text.siamese");
        bundle.Save(path, overwrite: false);
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Encoding.UTF8.GetString(BundleFiles.ReadEntry(path, ModelBundle.ConfigEntry)))!;

        // Then siamese.json has format 3 and no "input", the loaded model has none, and all three share one fingerprint,
        // SHA-256 of {encoder, distance, the former placeholder input}, the tokenizer and the weights
        Assert.Equal(3, (int)json["formatVersion"]!);
        Assert.False(json.AsObject().ContainsKey("input"));
        var loaded = ModelBundle.Load(path);
        Assert.Null(loaded.Config.Input);
        Assert.IsType<TextInput>(Assert.Single(loaded.Config.Branches).Input);
        string expected = FingerprintOracle.Hash(
            [new { config.Encoder, config.Distance, Input = new InputSpec(0, 0, 0, InputNormalization.Identity) }, config.Tokenizer],
            (bundle.Network.Encoder, null));
        Assert.Equal(expected, bundle.Fingerprint);
        Assert.Equal(expected, formatTwo.Fingerprint);
        Assert.Equal(expected, loaded.Fingerprint);
    }

    [Fact]
    public void Load_FormatTwoTextBundleWithThePlaceholderInput_LoadsWithItsFingerprint()
    {
        // Given a text bundle as format 2 wrote it: "formatVersion": 2 and the 0x0x0 input
        using var folder = new TempFolder();
        TorchEngine.EnsureInitialized();
        var config = Config(new TokenizerSettings { BucketCount = 500 }, vocabulary: 501) with { Input = null };
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string path = folder.File("old.siamese");
        bundle.Save(path, overwrite: false);
        BundleFiles.EditJson(path, json =>
        {
            json["formatVersion"] = 2;
            json["input"] = System.Text.Json.Nodes.JsonNode.Parse("""{"channels": 0, "height": 0, "width": 0, "normalization": {"mean": 0, "std": 1}}""");
        });

        // When it is loaded, then it keeps the placeholder, reads texts and has the same fingerprint
        var loaded = ModelBundle.Load(path);
        Assert.Equal(2, loaded.Config.FormatVersion);
        Assert.Equal(InputSpec.NoImages, loaded.Config.Input);
        Assert.IsType<TextInput>(Assert.Single(loaded.Config.Branches).Input);
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
