using System.IO.Compression;
using System.Text.Json.Nodes;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Text;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

/// <summary>
/// <see cref="ModelBundle.Load"/> on damaged and hostile bundles: each is refused with one line naming the file and
/// what was expected, without a crash, a parser's internals, or memory the bundle's headers ask for.
/// </summary>
public sealed class ModelBundleLoadTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string NewImageBundle(string distance = "l2") =>
        BundleFiles.Save(ModelBundleTests.SmallConfig(distance), folder.File($"{Guid.NewGuid():N}.siamese"));

    private string NewTextBundle() => BundleFiles.Save(
        new ModelConfig
        {
            Encoder = SmallTextModels.Lstm,
            Distance = "cosine",
            Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
            Tokenizer = SmallTextModels.Settings,
        },
        folder.File($"{Guid.NewGuid():N}.siamese"));

    private static ModelBundleException LoadFails(string path)
    {
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.StartsWith(path + ": ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain("Path:", ex.Message);
        Assert.DoesNotContain("BytePosition", ex.Message);
        Assert.DoesNotContain("System.", ex.Message);
        Assert.DoesNotContain("(Parameter", ex.Message);
        return ex;
    }

    /// <summary>Edits of a valid image bundle's siamese.json that give a JSON value of the wrong kind, or none.</summary>
    private static Action<JsonNode> KindEdit(string name) => name switch
    {
        "format-number" => json => json["format"] = 5,
        "version-string" => json => json["formatVersion"] = "1",
        "version-fraction" => json => json["formatVersion"] = 1.5,
        "encoder-null" => json => json["encoder"] = null,
        "encoder-missing" => json => json.AsObject().Remove("encoder"),
        "kind-unknown" => json => json["encoder"]!["kind"] = "transformer",
        "kind-missing" => json => json["encoder"]!.AsObject().Remove("kind"),
        "channels-string" => json => json["encoder"]!["channels"] = "4,8",
        "channel-beyond-int" => json => json["encoder"]!["channels"]![1] = 1e10,
        "batch-norm-number" => json => json["encoder"]!["batchNorm"] = 1,
        "embedding-layer-number" => json => json["encoder"]!["embeddingLayer"] = 7,
        "input-null" => json => json["input"] = null,
        "input-missing" => json => json.AsObject().Remove("input"),
        "height-missing" => json => json["input"]!.AsObject().Remove("height"),
        "std-string" => json => json["input"]!["normalization"]!["std"] = "wide",
        "distance-number" => json => json["distance"] = 3,
        "threshold-partial" => json => json["threshold"] = new JsonObject { ["value"] = 1 },
        "train-class-null" => json => json["training"]!["trainClasses"] = new JsonArray(null, "b"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("format-number", "\"format\" must be the string \"Siamese\", not a number")]
    [InlineData("version-string", "\"formatVersion\" must be a whole number, not a string")]
    [InlineData("version-fraction", "\"formatVersion\" must be a whole number from -2147483648 to 2147483647")]
    [InlineData("encoder-null", "\"encoder\" must be an object with \"kind\" one of \"cnn\", \"mlp\", \"text\", not null")]
    [InlineData("encoder-missing", "\"encoder\" is missing")]
    [InlineData("kind-unknown", "\"encoder.kind\" must be one of \"cnn\", \"mlp\", \"text\"")]
    [InlineData("kind-missing", "\"encoder.kind\" is missing; it must be one of \"cnn\", \"mlp\", \"text\"")]
    [InlineData("channels-string", "\"encoder.channels\" must be an array, not a string")]
    [InlineData("channel-beyond-int", "\"encoder.channels[1]\" must be a whole number from -2147483648 to 2147483647")]
    [InlineData("batch-norm-number", "\"encoder.batchNorm\" must be true or false, not a number")]
    [InlineData("embedding-layer-number", "\"encoder.embeddingLayer\" must be one of \"projection\", \"hidden\", \"features\", not a number")]
    [InlineData("input-null", "\"input\" must be an object, not null")]
    [InlineData("input-missing", "\"input\" is missing")]
    [InlineData("height-missing", "\"input.height\" is missing")]
    [InlineData("std-string", "\"input.normalization.std\" must be a number, not a string")]
    [InlineData("distance-number", "\"distance\" must be a string, not a number")]
    [InlineData("threshold-partial", "\"threshold.largerIsCloser\" is missing")]
    [InlineData("train-class-null", "\"training.trainClasses[0]\" must be a string, not null")]
    public void Load_ConfigValueOfTheWrongKind_NamesTheFieldAndWhatWasExpected(string edit, string expected)
    {
        // Given a bundle whose siamese.json holds a value of the wrong JSON kind (or lacks one)
        string path = NewImageBundle();
        BundleFiles.EditJson(path, KindEdit(edit));

        // When it is loaded, then one line names the file, the entry, the field and what it must be
        Assert.Equal($"{path}: siamese.json: {expected}", LoadFails(path).Message);
    }

    [Theory]
    [InlineData("{\"format\": \"Siamese\", ", "siamese.json is not valid JSON (line 1)")]
    [InlineData("{\"format\": \"Siamese\",\n\"formatVersion\": 1,\n\"encoder\": {\"kind\": \"cnn\"}}}", "siamese.json is not valid JSON (line 3)")]
    [InlineData("[1, 2]", "not a Siamese model bundle (siamese.json lacks \"format\": \"Siamese\")")]
    public void Load_ConfigThatIsNotAnObject_SaysSoWithoutParserInternals(string json, string expected)
    {
        // Given a bundle whose siamese.json is cut off, has a stray brace, or is an array
        string path = NewImageBundle();
        BundleFiles.ReplaceJson(path, json);

        // When it is loaded, then the message says what is wrong in our words, with the line where it is
        Assert.Equal($"{path}: {expected}", LoadFails(path).Message);
    }

    [Fact]
    public void Load_ConfigLargerThanTheLimit_IsRefusedBeforeParsing()
    {
        // Given a bundle whose siamese.json is a valid description padded with blanks past the limit (compressed: small)
        string path = NewImageBundle();
        string json = System.Text.Encoding.UTF8.GetString(BundleFiles.ReadEntry(path, ModelBundle.ConfigEntry));
        BundleFiles.ReplaceJson(path, new string(' ', ModelBundle.MaxConfigBytes) + json);

        // When it is loaded, then it is refused by its size
        Assert.Equal($"{path}: siamese.json holds {ModelBundle.MaxConfigBytes + json.Length} bytes; a model description is at most {ModelBundle.MaxConfigBytes}",
            LoadFails(path).Message);
    }

    [Fact]
    public void Load_ConfigLongerThanItsDeclaredLength_IsNeverReadWhole()
    {
        // Given a bundle whose siamese.json is 16 MiB but declares a length of 100 bytes
        string path = NewImageBundle();
        BundleFiles.ReplaceJson(path, "{" + new string(' ', ModelBundle.MaxConfigBytes * 4) + "}");
        BundleFiles.SetDeclaredLength(path, ModelBundle.ConfigEntry, 100);

        // When it is loaded, then it is refused in one line: the zip reader stops at the declared length (and the bounded
        // stream would stop at the limit: see BoundedReadStreamTests), so the cut-off JSON is not valid
        Assert.Equal($"{path}: siamese.json is not valid JSON (line 1)", LoadFails(path).Message);
    }

    [Fact]
    public void Load_StoredConfigLongerThanItsDeclaredLength_StopsAtTheLimit()
    {
        // Given a bundle whose siamese.json is stored (not deflated), 16 MiB long, but declares a length of 100 bytes:
        // a stored entry is read to its compressed length, so here only the bounded read stops it
        string path = NewImageBundle();
        BundleFiles.ReplaceEntry(path, ModelBundle.ConfigEntry, stream =>
            stream.Write(System.Text.Encoding.UTF8.GetBytes("{" + new string(' ', ModelBundle.MaxConfigBytes * 4) + "}")),
            System.IO.Compression.CompressionLevel.NoCompression);
        BundleFiles.SetDeclaredLength(path, ModelBundle.ConfigEntry, 100);

        // When it is loaded, then it is refused in one line without reading it whole
        var error = LoadFails(path);
        Assert.Equal($"{path}: siamese.json holds more than the {ModelBundle.MaxConfigBytes} bytes a model description may have", error.Message);
    }

    [Theory]
    [InlineData("embeddingDimension", 1_000_000_000, "embedding dimension must be at most 65536, not 1000000000")]
    [InlineData("hiddenDimension", 2_000_000_000, "hidden dimension must be at most 65536, not 2000000000")]
    [InlineData("channels", 1_000_000_000, "block channels must be at most 65536, not 1000000000")]
    [InlineData("kernelSizes", 999_999_999, "kernel sizes must be at most 31, not 999999999")]
    [InlineData("convolutionsPerBlock", 100_000, "convolutions per block must be at most 64, not 100000")]
    [InlineData("inputChannels", 1_000_000_000, "input channels must be at most 16, not 1000000000")]
    [InlineData("inputHeight", 1_000_000_000, "input height and width must be at most 4096, not 1000000000x28")]
    public void Load_SizeBeyondItsLimit_IsRefusedBeforeAnyModuleIsBuilt(string field, int value, string expected)
    {
        // Given an image bundle whose encoder (and, for the input fields, input) declares a huge size
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json =>
        {
            var encoder = json["encoder"]!;
            encoder[field] = field is "channels" or "kernelSizes" ? new JsonArray(value, value) : value;
            if (field == "inputChannels")
            {
                json["input"]!["channels"] = value;
            }
            else if (field == "inputHeight")
            {
                json["input"]!["height"] = value;
            }
        });

        // When it is loaded, then the size is refused with its limit, quickly and without libtorch allocating it
        Assert.Equal($"{path}: invalid model configuration: encoder: {expected}", LoadFails(path).Message);
    }

    [Fact]
    public void Load_FeatureMapsBeyondTheLimit_IsRefused()
    {
        // Given block widths within their limit whose first feature maps hold 65536 x 28 x 28 values for one image
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json => json["encoder"]!["channels"] = new JsonArray(65536, 65536));

        // When it is loaded, then the size of one image's feature maps is refused
        Assert.Equal($"{path}: invalid model configuration: encoder: the feature maps of block 1 hold 51380224 values for one input; at most {EncoderSpec.MaxValuesPerExample}",
            LoadFails(path).Message);
    }

    [Fact]
    public void Load_WeightsTogetherBeyondTheLimit_IsRefused()
    {
        // Given a hidden layer and an embedding each within their limit, whose projection alone holds 65536 x 65536 weights
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json =>
        {
            json["encoder"]!["hiddenDimension"] = 65536;
            json["encoder"]!["embeddingDimension"] = 65536;
        });

        // When it is loaded, then the weight count is refused before anything is allocated
        var ex = LoadFails(path);
        Assert.StartsWith($"{path}: invalid model configuration: encoder: the encoder would hold ", ex.Message);
        Assert.EndsWith($" weights; at most {EncoderSpec.MaxWeights}", ex.Message);
    }

    [Theory]
    [InlineData("vocabularySize", 2_000_000_000, "vocabulary size must be at most 16777217, not 2000000000")]
    [InlineData("wordDimension", 1_000_000_000, "word dimension must be at most 65536, not 1000000000")]
    [InlineData("layers", 1_000_000, "layers must be at most 64, not 1000000")]
    public void Load_TextSizeBeyondItsLimit_IsRefused(string field, int value, string expected)
    {
        // Given a text bundle whose encoder (and tokenizer, for the vocabulary) declares a huge size
        string path = NewTextBundle();
        BundleFiles.EditJson(path, json =>
        {
            json["encoder"]![field] = value;
            if (field == "vocabularySize")
            {
                json["tokenizer"]!["bucketCount"] = value - 1;
            }
        });

        // When it is loaded, then the size is refused with its limit
        Assert.Equal($"{path}: invalid model configuration: encoder: {expected}", LoadFails(path).Message);
    }

    [Theory]
    [InlineData("input", "height", 32, "the input is 1x32x28 but the encoder takes 1x28x28")]
    [InlineData("input", "channels", 3, "the input is 3x28x28 but the encoder takes 1x28x28")]
    [InlineData("encoder", "inputWidth", 20, "the input is 1x28x28 but the encoder takes 1x28x20")]
    public void Load_InputShapeDisagreeingWithTheEncoder_IsRefusedAtLoad(string where, string field, int value, string expected)
    {
        // Given an image bundle whose input shape and encoder disagree
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json => json[where]![field] = value);

        // When it is loaded, then the disagreement is named, before any image meets the network
        Assert.Equal($"{path}: invalid model configuration: {expected}", LoadFails(path).Message);
    }

    [Fact]
    public void Load_WeightsEntryDeclaringMoreThanTheArchitectureNeeds_IsRefusedByItsLength()
    {
        // Given a bundle whose weights.bin holds 64 MiB of zeros (compressed: tiny)
        string path = NewImageBundle();
        long expected = BundleFiles.ReadEntry(path, ModelBundle.WeightsEntry).Length;
        BundleFiles.ReplaceEntry(path, ModelBundle.WeightsEntry, stream => stream.Write(new byte[64 << 20]));

        // When it is loaded, then it is refused by the length the zip declares, with both sizes
        Assert.Equal($"{path}: the weights do not fit the architecture in siamese.json: weights.bin holds 67108864 bytes, the architecture needs {expected}",
            LoadFails(path).Message);
    }

    [Fact]
    public void Load_WeightsEntryLongerThanItsDeclaredLength_ReadsOnlyTheDeclaredWeights()
    {
        // Given a bundle whose weights.bin holds its weights and 64 MiB more, but declares the length the architecture needs
        var config = ModelBundleTests.SmallConfig();
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string path = folder.File("longer.siamese");
        bundle.Save(path, overwrite: false);
        var weights = BundleFiles.ReadEntry(path, ModelBundle.WeightsEntry);
        BundleFiles.ReplaceEntry(path, ModelBundle.WeightsEntry, stream =>
        {
            stream.Write(weights);
            stream.Write(new byte[64 << 20]);
        });
        BundleFiles.SetDeclaredLength(path, ModelBundle.WeightsEntry, (uint)weights.Length);

        // When it is loaded, then the weights are the declared ones and nothing after them was taken
        // (reading stops at the expected length however long the entry really is: see BoundedReadStreamTests)
        Assert.Equal(bundle.Fingerprint, ModelBundle.Load(path).Fingerprint);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x04 }, "weights.bin ends before its weights do")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "weights.bin is garbled (a tensor header cannot be read)")]
    public void Load_TensorHeaderDeclaringBillionsOfDimensions_IsRefused(byte[] dimensions, string expected)
    {
        // Given a bundle whose weights.bin has its length and first key, but a first tensor declaring 2^30 or 2^32 - 1
        // dimensions (LEB128, in place of its own 4 dimensions and their sizes, so the length stays the same)
        string path = NewImageBundle();
        var weights = BundleFiles.ReadEntry(path, ModelBundle.WeightsEntry);
        const string Key = "features.b0c0_conv.weight";
        Assert.Equal(Key, System.Text.Encoding.UTF8.GetString(weights, 2, Key.Length));
        int ndim = 2 + Key.Length + 1;
        Assert.Equal(new byte[] { 4, 4, 1, 3, 3 }, weights[ndim..(ndim + 5)]);
        dimensions.CopyTo(weights, ndim);
        BundleFiles.ReplaceEntry(path, ModelBundle.WeightsEntry, stream => stream.Write(weights));

        // When it is loaded, then it is refused as weights that do not fit
        Assert.Equal($"{path}: the weights do not fit the architecture in siamese.json: {expected}", LoadFails(path).Message);
    }

    [Theory]
    [InlineData("l2", ModelBundle.WeightsEntry, float.NaN)]
    [InlineData("l2", ModelBundle.WeightsEntry, float.PositiveInfinity)]
    [InlineData("weighted-l1", ModelBundle.HeadEntry, float.NaN)]
    public void Load_WeightsHoldingNaNOrInfinity_IsRefusedNamingTheEntryAndTensor(string distance, string entry, float bad)
    {
        // Given a bundle saved with one non-finite value in the encoder's first weight or in the head's weights
        var config = ModelBundleTests.SmallConfig(distance);
        var network = ModelBundle.CreateNetwork(config);
        var module = entry == ModelBundle.HeadEntry ? network.Head! : network.Encoder;
        var (key, tensor) = module.state_dict().First();
        using (no_grad())
        {
            tensor.view(-1)[1].fill_(bad);
        }

        string path = folder.File("bad.siamese");
        new ModelBundle(config, network).Save(path, overwrite: false);

        // When it is loaded, then it is refused, naming the entry and the tensor
        Assert.Equal($"{path}: {entry}: weights hold NaN or infinity (tensor \"{key}\")", LoadFails(path).Message);
    }

    [Fact]
    public void Load_UnknownDistanceOfGarbage_QuotesItBoundedAndSanitised()
    {
        // Given a bundle whose distance is 10,000 characters with control characters
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json => json["distance"] = "cheb\u001b[2J\u0000" + new string('y', 10_000));

        // When it is loaded, then the name is quoted shortened and with its control characters replaced
        var ex = LoadFails(path);
        Assert.Contains("unknown distance \"cheb?[2J?yyy", ex.Message);
        Assert.True(ex.Message.Length < path.Length + 200, ex.Message);
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c));
    }

    [Fact]
    public void Load_ThresholdForTheOtherDirection_IsRefused()
    {
        // Given an l2 (distance) bundle whose threshold says larger is closer
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json => json["threshold"]!["largerIsCloser"] = true);

        // When it is loaded, then the contradiction is named
        Assert.Equal($"{path}: invalid model configuration: the threshold is for similarities (larger is closer) but 'l2' gives distances", LoadFails(path).Message);
    }

    [Fact]
    public void Load_ThresholdNotFinite_IsRefused()
    {
        string path = NewImageBundle();
        BundleFiles.EditJson(path, json => json["threshold"]!["value"] = "NaN");

        Assert.Equal($"{path}: invalid model configuration: the threshold must be a finite number", LoadFails(path).Message);
    }

    [Fact]
    public void Load_TruncatedZip_IsNotABundle()
    {
        // Given the first half of a bundle's bytes
        string path = NewImageBundle();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        // When it is loaded, then it is not a bundle
        Assert.Contains("not a Siamese model bundle", LoadFails(path).Message);
    }

    [Fact]
    public void Load_CorruptCompressedWeights_SaysTheEntryIsDamaged()
    {
        // Given a bundle whose weights.bin deflate data has bytes overwritten in its middle (headers intact)
        string path = NewImageBundle();
        var bytes = File.ReadAllBytes(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.True(zip.GetEntry(ModelBundle.WeightsEntry)!.CompressedLength > 1000);
        }

        int start = FindLocalData(bytes, ModelBundle.WeightsEntry);
        for (int i = start + 200; i < start + 260; i++)
        {
            bytes[i] = 0xFF;
        }

        File.WriteAllBytes(path, bytes);

        // When it is loaded, then it is refused in one line
        LoadFails(path);
    }

    [Fact]
    public void Load_EntryNamedOutsideTheFolder_WritesNothingAndLoads()
    {
        // Given a bundle with an extra entry named ../escaped.txt
        string path = NewImageBundle();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        using (var writer = new StreamWriter(zip.CreateEntry("../escaped.txt").Open()))
        {
            writer.Write("out");
        }

        // When it is loaded, then it loads and nothing appears next to or above its folder
        Assert.Equal("l2", ModelBundle.Load(path).Config.Distance);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(folder.Path)!, "escaped.txt")));
        Assert.False(File.Exists(folder.File("escaped.txt")));
    }

    private static int FindLocalData(byte[] bytes, string name)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (int at = 0; at + 30 < bytes.Length; at++)
        {
            if (BitConverter.ToUInt32(bytes, at) == 0x04034b50 && bytes.AsSpan(at + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                return at + 30 + BitConverter.ToUInt16(bytes, at + 26) + BitConverter.ToUInt16(bytes, at + 28);
            }
        }

        throw new InvalidOperationException($"no local header for {name}");
    }
}
