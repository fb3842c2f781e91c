using System.IO.Compression;
using System.Text.Json.Nodes;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Persistence;
using Siamese.Tests.Data;

namespace Siamese.Tests.Persistence;

/// <summary>Format 2: siamese.json names each weights part and its entry, and loading reads the entries it names.</summary>
[Collection(LiveTensorCollection.Name)]
public sealed class WeightsManifestTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static ModelConfig HeadConfig() => new()
    {
        Encoder = new MlpEncoderSpec { InputHeight = 4, InputWidth = 4, HiddenDimensions = [6], EmbeddingDimension = 3, BatchNorm = false },
        Distance = "weighted-l1",
        Input = new InputSpec(1, 4, 4, InputNormalization.Identity),
    };

    private static JsonNode Json(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry(ModelBundle.ConfigEntry)!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    [Fact]
    public void Save_LearnedHead_ListsEachPartWithItsEntry()
    {
        string path = BundleFiles.Save(HeadConfig(), temp.File("m.siamese"));

        var json = Json(path);

        Assert.Equal(3, (int)json["formatVersion"]!);
        Assert.Equal(
            """[{"part":"encoder","entry":"weights.bin"},{"part":"head","entry":"head.bin"}]""",
            json["weights"]!.ToJsonString());
        Assert.Equal([new WeightsPartEntry("encoder", "weights.bin"), new WeightsPartEntry("head", "head.bin")], ModelBundle.Load(path).Config.Weights!);
    }

    [Fact]
    public void Load_PartsMovedToOtherEntries_ReadsTheEntriesTheManifestNames()
    {
        // Given a bundle whose parts are moved to entries of other names, and the manifest saying so
        string path = BundleFiles.Save(HeadConfig(), temp.File("m.siamese"));
        string fingerprint = ModelBundle.Load(path).Fingerprint;
        foreach (var (from, to) in new[] { ("weights.bin", "parts/encoder.pt"), ("head.bin", "parts/head.pt") })
        {
            byte[] bytes = BundleFiles.ReadEntry(path, from);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
            zip.GetEntry(from)!.Delete();
            using var stream = zip.CreateEntry(to).Open();
            stream.Write(bytes);
        }

        BundleFiles.EditJson(path, json => json["weights"] = JsonNode.Parse("""[{"part":"head","entry":"parts/head.pt"},{"part":"encoder","entry":"parts/encoder.pt"}]"""));

        // When it is loaded, then it is the same model
        Assert.Equal(fingerprint, ModelBundle.Load(path).Fingerprint);
    }

    [Theory]
    [InlineData("""[{"part":"encoder","entry":"weights.bin"}]""", "lists no entry for the head part")]
    [InlineData("""[{"part":"encoder","entry":"weights.bin"},{"part":"head","entry":"head.bin"},{"part":"projection","entry":"p.bin"}]""", "weights part 'projection' is not part of this architecture (it has encoder, head)")]
    [InlineData("""[{"part":"encoder","entry":"weights.bin"},{"part":"head","entry":"weights.bin"}]""", "weights part 'head' is listed twice, shares an entry")]
    [InlineData("""[{"part":"encoder","entry":"missing.bin"},{"part":"head","entry":"head.bin"}]""", "the bundle has no missing.bin")]
    public void Load_ManifestThatDoesNotFit_IsRefusedNamingThePart(string weights, string expected)
    {
        string path = BundleFiles.Save(HeadConfig(), temp.File("m.siamese"));
        BundleFiles.EditJson(path, json => json["weights"] = JsonNode.Parse(weights));

        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        Assert.Contains(expected, ex.Message);
        Assert.StartsWith(path, ex.Message);
    }

    [Fact]
    public void Load_FormatTwoWithoutManifest_IsRefused()
    {
        string path = BundleFiles.Save(HeadConfig(), temp.File("m.siamese"));
        BundleFiles.EditJson(path, json => json.AsObject().Remove("weights"));

        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        Assert.Contains("lists its weight parts in \"weights\"; it is missing", ex.Message);
    }
}
