using System.Text.Json.Nodes;
using Siamese.Data;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Persistence;
using static TorchSharp.torch;

namespace Siamese.Tests.Cli;

/// <summary>The verbs that take --model, given hostile model files: exit 2 and one line, never a crash or NaN output.</summary>
[Collection(CliCollection.Name)]
public sealed class ModelFileCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public ModelFileCommandTests()
    {
        // Two real 28x28 images, so that only the model can be what a run refuses.
        First = folder.File("a.png");
        Second = folder.File("b.png");
        ImageFileWriter.WriteGrayscalePng(First, [.. Enumerable.Range(0, 784).Select(i => (byte)i)], 28, 28);
        ImageFileWriter.WriteGrayscalePng(Second, new byte[784], 28, 28);
    }

    private string First { get; }

    private string Second { get; }

    public void Dispose() => folder.Dispose();

    private string Bundle(Action<JsonNode>? edit = null)
    {
        string path = BundleFiles.Save(ModelBundleTests.SmallConfig(), folder.File($"{Guid.NewGuid():N}.siamese"));
        if (edit is not null)
        {
            BundleFiles.EditJson(path, edit);
        }

        return path;
    }

    private static void AssertOneLineError((int ExitCode, string Output) run, string path, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"error: {path}: {expected}", Assert.Single(lines));
    }

    [Fact]
    public void Compare_FormatVersionAsAString_ExitsTwoWithOneLine()
    {
        string path = Bundle(json => json["formatVersion"] = "1");

        var run = CliRunner.Run("compare", "--model", path, First, Second);

        AssertOneLineError(run, path, "siamese.json: \"formatVersion\" must be a whole number, not a string");
    }

    [Fact]
    public void Embed_EncoderNull_ExitsTwoWithOneLine()
    {
        string path = Bundle(json => json["encoder"] = null);

        var run = CliRunner.Run("embed", "--model", path, "--output", folder.File("e.tsv"), First);

        AssertOneLineError(run, path, "siamese.json: \"encoder\" must be an object with \"kind\" one of \"cnn\", \"mlp\", \"text\", not null");
        Assert.False(File.Exists(folder.File("e.tsv")));
    }

    [Fact]
    public void Compare_EmbeddingDimensionOfABillion_ExitsTwoAtOnce()
    {
        string path = Bundle(json => json["encoder"]!["embeddingDimension"] = 1_000_000_000);

        var run = CliRunner.Run("compare", "--model", path, First, Second);

        AssertOneLineError(run, path, "invalid model configuration: encoder: embedding dimension must be at most 65536, not 1000000000");
    }

    [Fact]
    public void Compare_InputDisagreeingWithTheEncoder_ExitsTwoWithoutALibtorchError()
    {
        string path = Bundle(json => json["input"]!["width"] = 32);

        var run = CliRunner.Run("compare", "--model", path, First, Second);

        AssertOneLineError(run, path, "invalid model configuration: the input is 1x28x32 but the encoder takes 1x28x28");
    }

    [Fact]
    public void Embed_WeightsHoldingNaN_ExitsTwoAndWritesNothing()
    {
        // Given a bundle saved with NaN in its first weight
        var config = ModelBundleTests.SmallConfig();
        var network = ModelBundle.CreateNetwork(config);
        var (key, tensor) = network.Encoder.state_dict().First();
        using (no_grad())
        {
            tensor.view(-1)[0].fill_(float.NaN);
        }

        string path = folder.File("nan.siamese");
        new ModelBundle(config, network).Save(path, overwrite: false);

        // When embed runs with it, then it refuses the model and writes no NaN rows
        var run = CliRunner.Run("embed", "--model", path, "--output", folder.File("e.tsv"), First);

        AssertOneLineError(run, path, $"weights.bin: weights hold NaN or infinity (tensor \"{key}\")");
        Assert.False(File.Exists(folder.File("e.tsv")));
    }
}
