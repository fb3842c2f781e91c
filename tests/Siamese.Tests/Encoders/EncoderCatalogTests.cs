using System.Text.Json;
using System.Text.Json.Nodes;
using Siamese.Encoders;
using Siamese.Persistence;

namespace Siamese.Tests.Encoders;

public class EncoderCatalogTests
{
    [Fact]
    public void Names_ListEveryKindAndTheImageOnes()
    {
        Assert.Equal(["cnn", "mlp", "text"], EncoderCatalog.Names);
        Assert.Equal(["cnn", "mlp"], EncoderCatalog.ImageNames);
        Assert.Equal("mlp", EncoderCatalog.NameOf(typeof(MlpEncoderSpec)));
    }

    [Fact]
    public void Create_SharedOptions_EachKindReadsTheOnesItHas()
    {
        // Given the options the command line hands every image encoder
        var settings = new JsonObject
        {
            ["inputHeight"] = 12, ["embeddingDimension"] = 5, ["hiddenDimensions"] = new JsonArray(7, 9), ["hiddenDimension"] = 11,
            ["channels"] = new JsonArray(4), ["kernelSizes"] = new JsonArray(5), ["embeddingLayer"] = "hidden",
        };

        // When each kind is created from them
        var mlp = Assert.IsType<MlpEncoderSpec>(EncoderCatalog.Create("mlp", settings, ModelBundle.JsonOptions));
        var cnn = Assert.IsType<ConvEncoderSpec>(EncoderCatalog.Create("cnn", settings, ModelBundle.JsonOptions));

        // Then each took its own settings and left the others
        Assert.Equal((12, 5), (mlp.InputHeight, mlp.EmbeddingDimension));
        Assert.Equal([7, 9], mlp.HiddenDimensions);
        Assert.Equal((12, 11, EmbeddingLayer.Hidden), (cnn.InputHeight, cnn.HiddenDimension, cnn.EmbeddingLayer));
        Assert.Equal([4], cnn.Channels);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheKinds()
    {
        var ex = Assert.Throws<ArgumentException>(() => EncoderCatalog.Create("resnet", [], ModelBundle.JsonOptions));
        Assert.Equal("unknown encoder 'resnet'; expected one of cnn, mlp, text", ex.Message);
    }

    [Fact]
    public void BundleJson_NamesTheKindFirstAndKeepsTheComputedOutputDimension()
    {
        // The JSON fingerprints hash: the catalog must write what the attributes it replaced wrote (the CNN's computed
        // output dimension included)
        string json = JsonSerializer.Serialize<EncoderSpec>(new ConvEncoderSpec { EmbeddingDimension = 6 }, ModelBundle.JsonOptions);

        Assert.StartsWith("{\n  \"kind\": \"cnn\",", json.ReplaceLineEndings("\n"));
        Assert.Contains("\"outputDimension\": 6", json);
        Assert.IsType<ConvEncoderSpec>(JsonSerializer.Deserialize<EncoderSpec>(json, ModelBundle.JsonOptions));
    }
}
