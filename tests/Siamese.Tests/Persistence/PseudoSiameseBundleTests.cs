using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Text;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

public class PseudoSiameseBundleTests
{
    private static readonly string[] Firsts = ["river boat", "engine oil", "a violin", "the comet"];
    private static readonly string[] Seconds = ["a boat drifts on the slow river", "change the oil", "she plays the violin at night", "x"];

    private static ModelConfig PseudoConfig(EncoderSpec? second = null) => new()
    {
        Created = "2026-11-29T00:00:00Z",
        Encoder = SmallTextModels.Lstm,
        SecondEncoder = second ?? SmallTextModels.Cnn,
        Distance = "cosine",
        Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
        Tokenizer = SmallTextModels.Settings,
    };

    private static ModelConfig TwinConfig() => PseudoConfig() with { SecondEncoder = null };

    private static ModelBundle NewBundle(ModelConfig config, int seed = 4)
    {
        TorchEngine.Seed(seed);
        return new ModelBundle(config, ModelBundle.CreateNetwork(config));
    }

    private static float[] Scores(ModelBundle bundle) =>
        new ModelTextScorer(bundle.Network, new HashingTokenizer(bundle.Config.Tokenizer!)).ScorePairs(Firsts, Seconds);

    [Fact]
    public void SaveLoad_PseudoSiameseTextModel_GivesIdenticalScoresAndFingerprint()
    {
        // Given a pseudo-Siamese text model (LSTM first branch, CNN second branch)
        using var folder = new TempFolder();
        var bundle = NewBundle(PseudoConfig());
        Assert.True(bundle.Network.IsPseudoSiamese);

        // When it is saved and loaded
        string path = folder.File("pseudo.siamese");
        bundle.Save(path, overwrite: false);
        var loaded = ModelBundle.Load(path);

        // Then it is pseudo-Siamese again, with the same second spec, and scores the texts exactly as before
        Assert.True(loaded.Network.IsPseudoSiamese);
        var secondSpec = Assert.IsType<TextEncoderSpec>(loaded.Config.SecondEncoder);
        Assert.Equal(TextEncoderKind.Cnn, secondSpec.SequenceModel);
        Assert.Equal(Scores(bundle), Scores(loaded));
        Assert.Equal(bundle.Fingerprint, loaded.Fingerprint);
        using var zip = ZipFile.OpenRead(path);
        Assert.NotNull(zip.GetEntry(ModelBundle.SecondWeightsEntry));
    }

    [Fact]
    public void Fingerprint_OneSecondEncoderWeightChanged_DiffersAndComesBackWhenRestored()
    {
        // Given a pseudo-Siamese bundle and its fingerprint
        var bundle = NewBundle(PseudoConfig());
        string original = bundle.Fingerprint;
        var weight = bundle.Network.SecondEncoder!.parameters().Last();

        // When one second-encoder weight is changed, then restored
        string edited;
        using (no_grad())
        {
            float old = weight.flatten()[0].item<float>();
            weight.flatten()[0] = old + 0.25f;
            edited = bundle.Fingerprint;
            weight.flatten()[0] = old;
        }

        // Then the fingerprint moved with it and came back
        Assert.NotEqual(original, edited);
        Assert.Equal(original, bundle.Fingerprint);
    }

    [Fact]
    public void Fingerprint_PseudoSiamese_DependsOnTheSecondEncoderSpec()
    {
        // Given one network described by two configs whose second specs differ only in a setting that does not
        // change the weights' shapes (NormalizeOutput), and the twin made of the first branch alone
        var config = PseudoConfig();
        var network = NewBundle(config).Network;
        var other = config with { SecondEncoder = SmallTextModels.Cnn with { NormalizeOutput = false } };
        var twin = new ModelBundle(TwinConfig(), new Siamese.Networks.TwinNetwork(network.Encoder, network.Distance));

        // Then all three fingerprints differ
        string a = new ModelBundle(config, network).Fingerprint;
        string b = new ModelBundle(other, network).Fingerprint;
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, twin.Fingerprint);
    }

    [Fact]
    public void Load_ZipWithoutSecondWeights_ThrowsNamingTheEntry()
    {
        // Given a pseudo-Siamese bundle whose second-weights.bin entry was removed
        using var folder = new TempFolder();
        string path = folder.File("broken.siamese");
        NewBundle(PseudoConfig()).Save(path, overwrite: false);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelBundle.SecondWeightsEntry)!.Delete();
        }

        // When it is loaded
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        // Then the error names the file and the missing entry
        Assert.StartsWith(path, ex.Message);
        Assert.Contains("second-weights.bin", ex.Message);
    }

    [Fact]
    public void Load_SecondWeightsOfAnotherArchitecture_ThrowsThatTheyDoNotFit()
    {
        // Given a pseudo-Siamese bundle whose second-weights.bin holds the first (LSTM) branch's weights
        using var folder = new TempFolder();
        string path = folder.File("swapped.siamese");
        var bundle = NewBundle(PseudoConfig());
        bundle.Save(path, overwrite: false);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelBundle.SecondWeightsEntry)!.Delete();
            using var stream = zip.CreateEntry(ModelBundle.SecondWeightsEntry).Open();
            bundle.Network.Encoder.save(stream);
        }

        // When it is loaded, then the weights are refused
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("do not fit", ex.Message);
    }

    [Fact]
    public void TwinBundle_ConfigJsonHasNoSecondEncoderAndFingerprintIsThePreFeatureHash()
    {
        // Given a twin text bundle
        using var folder = new TempFolder();
        var bundle = NewBundle(TwinConfig());
        string path = folder.File("twin.siamese");
        bundle.Save(path, overwrite: false);

        // Then its siamese.json has no "secondEncoder" property and its zip no second-weights.bin
        JsonObject json;
        using (var zip = ZipFile.OpenRead(path))
        {
            using var stream = zip.GetEntry(ModelBundle.ConfigEntry)!.Open();
            json = JsonNode.Parse(stream)!.AsObject();
            Assert.Null(zip.GetEntry(ModelBundle.SecondWeightsEntry));
        }

        Assert.False(json.ContainsKey("secondEncoder"));
        Assert.True(json.ContainsKey("encoder"));

        // And its fingerprint is the hash twin bundles had before pseudo-Siamese models existed:
        // SHA-256 of {encoder, distance, input} as JSON, the tokenizer as JSON, then the encoder's weights
        var identity = new { bundle.Config.Encoder, bundle.Config.Distance, bundle.Config.Input };
        var weights = new MemoryStream();
        bundle.Network.Encoder.save(weights);
        byte[] data =
        [
            .. JsonSerializer.SerializeToUtf8Bytes(identity, ModelBundle.JsonOptions),
            .. JsonSerializer.SerializeToUtf8Bytes(bundle.Config.Tokenizer, ModelBundle.JsonOptions),
            .. weights.ToArray(),
        ];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), bundle.Fingerprint);
        Assert.Equal(bundle.Fingerprint, ModelBundle.Load(path).Fingerprint);
    }

    [Fact]
    public void CreateNetwork_SecondEncoderOfAnotherOutputDimension_Throws()
    {
        // Given a second encoder that embeds to 6 components while the first gives 8
        var config = PseudoConfig(SmallTextModels.Cnn with { EmbeddingDimension = 6 });

        // Then no network is built
        var ex = Assert.Throws<ArgumentException>(() => ModelBundle.CreateNetwork(config));
        Assert.Contains("8", ex.Message);
        Assert.Contains("6", ex.Message);
    }

    [Fact]
    public void Load_ConfigEditedToAnotherSecondOutputDimension_ThrowsInvalidConfiguration()
    {
        // Given a saved pseudo-Siamese bundle whose siamese.json now says the second encoder embeds to 6
        using var folder = new TempFolder();
        string path = folder.File("edited.siamese");
        NewBundle(PseudoConfig()).Save(path, overwrite: false);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(ModelBundle.ConfigEntry)!;
            JsonNode json;
            using (var stream = entry.Open())
            {
                json = JsonNode.Parse(stream)!;
            }

            json["secondEncoder"]!["embeddingDimension"] = 6;
            entry.Delete();
            using var writer = zip.CreateEntry(ModelBundle.ConfigEntry).Open();
            JsonSerializer.Serialize(writer, json);
        }

        // When loaded, then the configuration is refused with the file's name
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.StartsWith(path, ex.Message);
        Assert.Contains("one length", ex.Message);
    }

    [Fact]
    public void Constructor_ConfigAndNetworkDisagreeOnTheSecondEncoder_Throws()
    {
        var pseudo = NewBundle(PseudoConfig()).Network;
        var twin = NewBundle(TwinConfig()).Network;
        Assert.Throws<ArgumentException>(() => new ModelBundle(TwinConfig(), pseudo));
        Assert.Throws<ArgumentException>(() => new ModelBundle(PseudoConfig(), twin));
    }

    [Fact]
    public void CreateNetwork_PseudoSiameseWithLearnedDistance_Throws()
    {
        var config = PseudoConfig() with { Distance = "weighted-l1" };
        var ex = Assert.Throws<ArgumentException>(() => ModelBundle.CreateNetwork(config));
        Assert.Contains("weighted-l1", ex.Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void CreateNetwork_SecondEncoderHandingOutAnInnerLayer_Throws(int secondProjection)
    {
        // Given image branches that both hand out 8 components for comparison, where the second hands out its hidden
        // layer: with a projection of 4 its training embeddings cannot even be scored against the first branch's 8;
        // with 8 they can, but only the projections are trained to share one space, not the hidden layer
        var first = new MlpEncoderSpec { InputHeight = 8, InputWidth = 8, HiddenDimensions = [8], EmbeddingDimension = 8, BatchNorm = false };
        var second = new ConvEncoderSpec
        {
            InputHeight = 8, InputWidth = 8, Channels = [2], KernelSizes = [3], HiddenDimension = 8, BatchNorm = false,
            EmbeddingDimension = secondProjection, EmbeddingLayer = EmbeddingLayer.Hidden,
        };
        var config = new ModelConfig { Encoder = first, SecondEncoder = second, Distance = "cosine", Input = new InputSpec(1, 8, 8, InputNormalization.Identity) };
        Assert.Equal(first.OutputDimension, second.OutputDimension);

        // Then no network is built: a pseudo-Siamese network can only compare the embeddings it was trained on
        Assert.Throws<ArgumentException>(() => ModelBundle.CreateNetwork(config));
    }
}
