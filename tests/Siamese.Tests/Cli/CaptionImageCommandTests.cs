using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Text;

namespace Siamese.Tests.Cli;

/// <summary>A text-against-image model on the command line: each side reads what its branch takes.</summary>
[Collection(CliCollection.Name)]
public sealed class CaptionImageCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (string Model, string Image) CaptionModel()
    {
        TorchEngine.Seed(8);
        var image = new MlpEncoderSpec { InputHeight = 6, InputWidth = 5, HiddenDimensions = [8], EmbeddingDimension = SmallTextModels.Dimension, BatchNorm = false };
        var network = new TwinNetwork(SmallTextModels.Lstm.Build(), image.Build(), new CosineSimilarity());
        var config = new ModelConfig
        {
            Encoder = SmallTextModels.Lstm, SecondEncoder = image, Distance = "cosine",
            Input = new InputSpec(1, 6, 5, InputNormalization.Identity), Tokenizer = SmallTextModels.Settings,
        };
        string model = temp.File("caption.siamese");
        new ModelBundle(config, network).Save(model, overwrite: false);
        string file = temp.File("picture.png");
        ImageFileWriter.WriteGrayscalePng(file, Enumerable.Range(0, 30).Select(i => (byte)(i * 8)).ToArray(), 6, 5);
        return (model, file);
    }

    [Fact]
    public void CompareAndEmbed_CaptionAgainstImage_ReadEachSideAsItsBranchDoes()
    {
        // Given a model whose first branch reads texts and whose second reads images
        var (model, image) = CaptionModel();
        string texts = temp.File("texts.tsv"), images = temp.File("images.tsv");

        // When a caption is compared with a picture, and each side embeds what it reads
        var (compareCode, compared) = CliRunner.Run("compare", "--model", model, "a river boat", image);
        var (textCode, textOutput) = CliRunner.Run("embed", "--model", model, "a river boat", "--output", texts);
        var (imageCode, imageOutput) = CliRunner.Run("embed", "--model", model, "--side", "second", image, "--output", images);

        // Then the comparison scores the two, the first side writes text rows and the second image rows
        Assert.True(compareCode == 0, compared);
        Assert.Contains("cosine", compared);
        Assert.True(textCode == 0, textOutput);
        Assert.StartsWith("text\te0", File.ReadAllLines(texts)[0]);
        Assert.True(imageCode == 0, imageOutput);
        var rows = File.ReadAllLines(images);
        Assert.StartsWith("source\tlabel\te0", rows[0]);
        Assert.StartsWith(image, rows[1]);
        Assert.Equal(2 + SmallTextModels.Dimension, rows[1].Split('\t').Length);
    }
}
