using System.IO.Compression;
using System.Text.Json.Nodes;
using Siamese.Calibration;
using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Tests.Text;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

public sealed class ModelBundleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("siamese-bundle-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    internal static ModelConfig SmallConfig(string distance = "l2") => SmallConfig(distance, Distance.IsLearned(distance) || Distance.FromName(distance).LargerIsCloser);

    private static ModelConfig SmallConfig(string distance, bool largerIsCloser) => new()
    {
        Created = "2026-11-28T00:00:00Z",
        Encoder = new ConvEncoderSpec { Channels = [4, 8], KernelSizes = [3, 3], ConvolutionsPerBlock = 1, HiddenDimension = 16, EmbeddingDimension = 8 },
        Distance = distance,
        Input = new InputSpec(1, 28, 28, new InputNormalization(0.25, 0.5)),
        Threshold = new DecisionThreshold { Value = 0.7, LargerIsCloser = largerIsCloser, Criterion = "best-accuracy", Accuracy = 0.9, FalseAcceptRate = 0.1, FalseRejectRate = 0.1, PairCount = 100 },
        LabelConvention = ModelConfig.DescribeConvention(distance, largerIsCloser),
        Training = new TrainingInfo { Loss = "contrastive", Margin = 1, Epochs = 2 },
    };

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public void SaveLoad_RoundTrip_GivesIdenticalEmbeddingsAndConfig()
    {
        // Given a network with batch-norm statistics moved away from their initial values
        TorchEngine.Seed(1);
        var config = SmallConfig();
        var network = ModelBundle.CreateNetwork(config);
        using (var x = randn(16, 1, 28, 28))
        {
            network.train();
            network.Encoder.forward(x).Dispose();
        }

        using var probe = randn(5, 1, 28, 28, generator: new Generator(9));
        using var expected = network.Embed(probe);

        // When saved and loaded
        new ModelBundle(config, network).Save(PathOf("m.siamese"), overwrite: false);
        var loaded = ModelBundle.Load(PathOf("m.siamese"));

        // Then the embeddings are identical and the configuration survived
        using var actual = loaded.Network.Embed(probe);
        Assert.True(actual.equal(expected).all().item<bool>());
        Assert.Equal(config.Threshold, loaded.Config.Threshold);
        Assert.Equal(config.Input, loaded.Config.Input);
        Assert.Equal(((ConvEncoderSpec)config.Encoder).Channels, ((ConvEncoderSpec)loaded.Config.Encoder).Channels);
        Assert.Equal("l2", loaded.Network.Distance.Name);
        Assert.Equal(8, loaded.Config.EmbeddingDimension);
    }

    [Fact]
    public void Save_Json_IsSelfDescribing()
    {
        var config = SmallConfig();
        new ModelBundle(config, ModelBundle.CreateNetwork(config)).Save(PathOf("m.siamese"), overwrite: false);

        using var zip = ZipFile.OpenRead(PathOf("m.siamese"));
        using var reader = new StreamReader(zip.GetEntry(ModelBundle.ConfigEntry)!.Open());
        var json = JsonNode.Parse(reader.ReadToEnd())!;

        Assert.Equal(ModelConfig.CurrentFormatVersion, (int)json["formatVersion"]!);
        Assert.Equal("cnn", (string)json["encoder"]!["kind"]!);
        Assert.Contains("never 0/1", (string)json["labelConvention"]!);
        Assert.Equal(0.7, (double)json["threshold"]!["value"]!);
        Assert.NotNull(zip.GetEntry(ModelBundle.WeightsEntry));
    }

    [Fact]
    public void Save_ExistingFileWithoutOverwrite_ThrowsAndLeavesItUntouched()
    {
        File.WriteAllText(PathOf("m.siamese"), "precious");
        var config = SmallConfig();

        var ex = Assert.Throws<IOException>(() => new ModelBundle(config, ModelBundle.CreateNetwork(config)).Save(PathOf("m.siamese"), overwrite: false));

        Assert.Contains("--force", ex.Message);
        Assert.Equal("precious", File.ReadAllText(PathOf("m.siamese")));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void Save_WithOverwrite_ReplacesAndLeavesNoTemporaryFiles()
    {
        File.WriteAllText(PathOf("m.siamese"), "old");
        var config = SmallConfig();

        new ModelBundle(config, ModelBundle.CreateNetwork(config)).Save(PathOf("m.siamese"), overwrite: true);

        Assert.Single(Directory.GetFiles(folder));
        Assert.Equal("l2", ModelBundle.Load(PathOf("m.siamese")).Config.Distance);
    }

    [Fact]
    public void Load_NewerFormatVersion_IsRefusedWithClearMessage()
    {
        string path = WriteBundleWithEditedJson(json => json["formatVersion"] = ModelConfig.CurrentFormatVersion + 1);

        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        Assert.StartsWith(path, ex.Message);
        Assert.Contains("newer", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_WeightsThatDoNotFitTheArchitecture_Throws()
    {
        string path = WriteBundleWithEditedJson(json => json["encoder"]!["embeddingDimension"] = 9);

        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        Assert.Contains("do not fit", ex.Message);
    }

    [Fact]
    public void Load_TextFile_IsNotABundle()
    {
        File.WriteAllText(PathOf("notes.siamese"), "hello");
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(PathOf("notes.siamese")));
        Assert.Contains("not a Siamese model bundle", ex.Message);
    }

    [Fact]
    public void Load_ZipWithoutConfig_IsNotABundle()
    {
        using (var zip = ZipFile.Open(PathOf("other.zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }

        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(PathOf("other.zip")));
        Assert.Contains("siamese.json", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(PathOf("nope.siamese")));
        Assert.Contains("not found", ex.Message);
    }

    [Fact]
    public void Load_UnknownDistance_IsAnInvalidConfiguration()
    {
        string path = WriteBundleWithEditedJson(json => json["distance"] = "chebyshev");
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("chebyshev", ex.Message);
    }

    private string WriteBundleWithEditedJson(Action<JsonNode> edit)
    {
        string path = BundleFiles.Save(SmallConfig(), PathOf($"{Guid.NewGuid():N}.siamese"));
        BundleFiles.EditJson(path, edit);
        return path;
    }

    private static WeightedL1Similarity SetHead(TwinNetwork network, float bias)
    {
        var head = (WeightedL1Similarity)network.Distance;
        using (no_grad())
        {
            using var w = arange(8, dtype: ScalarType.Float32) * 0.1f - 0.3f;
            using var b = tensor(new[] { bias });
            head.Weight.copy_(w);
            head.Bias.copy_(b);
        }

        return head;
    }

    [Fact]
    public void SaveLoad_LearnedHead_KeepsHeadWeightsExactly()
    {
        // Given a weighted-l1 network whose head holds weights other than its initial ones
        TorchEngine.Seed(2);
        var config = SmallConfig("weighted-l1");
        var network = ModelBundle.CreateNetwork(config);
        var head = SetHead(network, 0.42f);
        using var probe = randn(4, 1, 28, 28, generator: new Generator(3));
        using var probe2 = randn(4, 1, 28, 28, generator: new Generator(4));
        using var expectedScores = network.Compare(probe, probe2);

        // When saved and loaded
        new ModelBundle(config, network).Save(PathOf("head.siamese"), overwrite: false);
        var loaded = ModelBundle.Load(PathOf("head.siamese"));

        // Then the zip holds head.bin, the loaded head has the same weights bit for bit, and it scores pairs alike
        using (var zip = ZipFile.OpenRead(PathOf("head.siamese")))
        {
            Assert.NotNull(zip.GetEntry(ModelBundle.HeadEntry));
        }

        var loadedHead = Assert.IsType<WeightedL1Similarity>(loaded.Network.Distance);
        Assert.Same(loadedHead, loaded.Network.Head);
        Assert.True(loadedHead.Weight.equal(head.Weight).all().item<bool>());
        Assert.Equal(0.42f, loadedHead.Bias.item<float>());
        using var actualScores = loaded.Network.Compare(probe, probe2);
        Assert.True(actualScores.equal(expectedScores).all().item<bool>());
    }

    [Fact]
    public void Save_FixedDistance_WritesNoHeadEntry()
    {
        var config = SmallConfig();
        new ModelBundle(config, ModelBundle.CreateNetwork(config)).Save(PathOf("l2.siamese"), overwrite: false);

        using var zip = ZipFile.OpenRead(PathOf("l2.siamese"));
        Assert.Null(zip.GetEntry(ModelBundle.HeadEntry));
    }

    [Fact]
    public void Load_LearnedDistanceWithoutHeadEntry_ThrowsNamingHeadBin()
    {
        // Given a weighted-l1 bundle whose head.bin entry was removed
        var config = SmallConfig("weighted-l1");
        string path = PathOf("headless.siamese");
        new ModelBundle(config, ModelBundle.CreateNetwork(config)).Save(path, overwrite: false);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelBundle.HeadEntry)!.Delete();
        }

        // When loaded
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        // Then the error names the file, the missing entry and the distance that needs it
        Assert.StartsWith(path, ex.Message);
        Assert.Contains("head.bin", ex.Message);
        Assert.Contains("weighted-l1", ex.Message);
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("weighted-l1")]
    public void Fingerprint_SaveLoadAndCopy_StaysTheSame(string distance)
    {
        // Given a saved bundle and a byte copy of its file under another name
        TorchEngine.Seed(5);
        var config = SmallConfig(distance);
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string original = bundle.Fingerprint;
        bundle.Save(PathOf("a.siamese"), overwrite: false);
        File.Copy(PathOf("a.siamese"), PathOf("copy-with-another-name.siamese"));

        // When both are loaded
        string loaded = ModelBundle.Load(PathOf("a.siamese")).Fingerprint;
        string copied = ModelBundle.Load(PathOf("copy-with-another-name.siamese")).Fingerprint;

        // Then every fingerprint is the same lower-case SHA-256, and asking twice gives it again
        Assert.Matches("^[0-9a-f]{64}$", original);
        Assert.Equal(original, bundle.Fingerprint);
        Assert.Equal(original, loaded);
        Assert.Equal(original, copied);
    }

    [Fact]
    public void Fingerprint_LearnedDistance_HashesEncoderThenHeadWeights()
    {
        // Given a saved weighted-l1 image bundle
        TorchEngine.Seed(7);
        var config = SmallConfig("weighted-l1");
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        bundle.Save(PathOf("head.siamese"), overwrite: false);

        // Then its fingerprint is the hash such bundles have always had: {encoder, distance, input}, the encoder's weights, the head's
        string expected = FingerprintOracle.Hash([new { config.Encoder, config.Distance, config.Input }], (bundle.Network.Encoder, null), (bundle.Network.Head!, null));
        Assert.Equal(expected, bundle.Fingerprint);
        Assert.Equal(expected, ModelBundle.Load(PathOf("head.siamese")).Fingerprint);
    }

    [Fact]
    public void Fingerprint_AnyWeightChanged_Differs()
    {
        // Given a weighted-l1 bundle and its fingerprint
        TorchEngine.Seed(6);
        var config = SmallConfig("weighted-l1");
        var network = ModelBundle.CreateNetwork(config);
        var bundle = new ModelBundle(config, network);
        string original = bundle.Fingerprint;

        // When one encoder weight changes, then (after undoing it) one head weight, then the bias
        var encoderWeight = network.Encoder.parameters().First();
        var head = (WeightedL1Similarity)network.Distance;
        string EditedFingerprint(Tensor parameter, long index)
        {
            using var noGrad = no_grad();
            using var flat = parameter.view(-1);
            float old = flat[index].item<float>();
            flat[index].fill_(old + 0.5f);
            string edited = bundle.Fingerprint;
            flat[index].fill_(old);
            return edited;
        }

        string encoderEdited = EditedFingerprint(encoderWeight, 0);
        string restored = bundle.Fingerprint;
        string headEdited = EditedFingerprint(head.Weight, 3);
        string biasEdited = EditedFingerprint(head.Bias, 0);

        // Then each edit gives a fingerprint of its own, and undoing an edit gives the original back
        Assert.Equal(original, restored);
        Assert.Equal(4, new[] { original, encoderEdited, headEdited, biasEdited }.Distinct().Count());
        Assert.Equal(original, bundle.Fingerprint);
    }

    /// <summary>
    /// Fingerprints of bundles as this library has always computed them (recorded before the load checks were added):
    /// galleries store them and refuse other models, so a change here orphans every gallery made so far.
    /// </summary>
    [Theory]
    [InlineData("image", "b2467904d21727612d01bfa481d617b06aeb3b164ffa5fcca61946d9b774d6e3")]
    [InlineData("text", "f63bebeb924e78edccdcd9f6f379c6254aa1425d6f5d0b0b30dec0c74088cd39")]
    public void Fingerprint_FixedWeights_IsTheRecordedOneBeforeAndAfterSaveLoad(string kind, string expected)
    {
        // Given a weighted-l1 image twin or a pseudo-Siamese text model sharing word vectors, with weights that need no random generator
        // (the configurations are spelled out here rather than shared with other tests: they are part of what is pinned)
        var config = kind == "image" ? SmallConfig("weighted-l1") : new ModelConfig
        {
            Encoder = SmallTextModels.Lstm,
            SecondEncoder = SmallTextModels.Cnn with { WordDimension = SmallTextModels.Lstm.WordDimension },
            ShareWordVectors = true,
            Distance = "cosine",
            Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
            Tokenizer = SmallTextModels.Settings,
        };
        var network = ModelBundle.CreateNetwork(config);
        BundleFiles.SetFixedWeights(network);
        var bundle = new ModelBundle(config, network);

        // When it is fingerprinted, saved and loaded
        string before = bundle.Fingerprint;
        bundle.Save(PathOf("pinned.siamese"), overwrite: false);
        string after = ModelBundle.Load(PathOf("pinned.siamese")).Fingerprint;

        // Then both are the fingerprint recorded for it
        Assert.Equal(expected, before);
        Assert.Equal(expected, after);
    }
}
