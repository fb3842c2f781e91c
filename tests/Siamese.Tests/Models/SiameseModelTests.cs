using Microsoft.Extensions.AI;
using Siamese.Calibration;
using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Models;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Text;
using static TorchSharp.torch;

namespace Siamese.Tests.Models;

[Collection(LiveTensorCollection.Name)]
public sealed class SiameseModelTests : IDisposable
{
    private static readonly InputNormalization Normalization = new(0.3, 0.2);

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string[] WriteImages(int count, int height, int width, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var pixels = new byte[height * width];
            random.NextBytes(pixels);
            string path = temp.File($"image{seed}-{i}.png");
            ImageFileWriter.WriteGrayscalePng(path, pixels, height, width);
            return path;
        }).ToArray();
    }

    private static ModelBundle ImageBundle(DecisionThreshold? threshold = null)
    {
        TorchEngine.Seed(4);
        var spec = new MlpEncoderSpec { InputHeight = 6, InputWidth = 5, HiddenDimensions = [8], EmbeddingDimension = 4, BatchNorm = false };
        var network = new TwinNetwork(spec.Build(), new L2Distance());
        return new ModelBundle(new ModelConfig { Encoder = spec, Distance = "l2", Input = new InputSpec(1, 6, 5, Normalization), Threshold = threshold }, network);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }

    private static float[][] Rows(Tensor embeddings) =>
        Enumerable.Range(0, (int)embeddings.shape[0]).Select(i => embeddings[i].data<float>().ToArray()).ToArray();

    [Fact]
    public async Task ImageTwin_EachSideEmbedsFilesAsTheNetworkEmbedsTheirTensors()
    {
        // Given a twin image model and three image files of another size than its input
        using var model = new SiameseModel(ImageBundle());
        string[] files = WriteImages(3, height: 9, width: 7, seed: 1);

        // When both sides embed the files through the generator
        var generated = await model.Side(PairSide.First).GenerateAsync(files);
        var second = await model.Side(PairSide.Second).GenerateAsync(files);

        // Then the model is one branch serving both sides that reads image files, and each embedding is the network's
        // embedding of the file decoded, resized and normalised as the bundle says
        var branch = Assert.Single(model.Branches);
        Assert.Equal([PairSide.First, PairSide.Second], branch.Sides);
        Assert.Equal(new ImageInput(1, 6, 5, Normalization), branch.Input);
        Assert.Empty(model.Ties);
        var images = LabeledImageSet.FromImageFiles(files, 1, 6, 5);
        using var expected = model.Bundle.Network.Embed(images.ToTensor(Normalization));
        var rows = Rows(expected);
        Assert.Equal(3, generated.Count);
        for (int i = 0; i < files.Length; i++)
        {
            // Equal up to float rounding: the matrix kernels may sum in another order from one call to the next (memory alignment).
            AssertClose(rows[i], second[i].Vector.ToArray());
            AssertClose(rows[i], generated[i].Vector.ToArray());
            Assert.Equal(model.Bundle.Fingerprint, generated[i].ModelId);
        }

        var metadata = Assert.IsType<EmbeddingGeneratorMetadata>(model.Side(PairSide.First).GetService(typeof(EmbeddingGeneratorMetadata)));
        Assert.Equal(4, metadata.DefaultModelDimensions);
    }

    [Fact]
    public void Compare_ImageFiles_ScoresByTheDistanceAndJudgesByTheThreshold()
    {
        // Given a model whose threshold lies between the scores of two pairs
        string[] files = WriteImages(3, height: 6, width: 5, seed: 2);
        using var probe = new SiameseModel(ImageBundle());
        double near = probe.Compare(files[0], files[0]).Score;
        double far = probe.Compare(files[0], files[1]).Score;
        using var model = new SiameseModel(ImageBundle(new DecisionThreshold { Value = (near + far) / 2, LargerIsCloser = false, Criterion = "test", Accuracy = 1, FalseAcceptRate = 0, FalseRejectRate = 0, PairCount = 2 }));

        // When pairs are compared
        var same = model.Compare(files[0], files[0]);
        var different = model.Compare(files[0], files[1]);

        // Then the score is the L2 distance of the two embeddings, and the verdict is the threshold's
        using var e = model.Side(PairSide.First).EmbedTensor(files);
        var rows = Rows(e);
        double expected = Math.Sqrt(rows[0].Zip(rows[1], (a, b) => (double)(a - b) * (a - b)).Sum());
        Assert.Equal(expected, different.Score, 4);
        Assert.Equal(0, same.Score, 4);
        Assert.True(same.IsSame);
        Assert.False(different.IsSame);
        Assert.False(different.LargerIsCloser);
        Assert.Null(probe.Compare(files[0], files[2]).IsSame);
    }

    [Fact]
    public async Task PseudoSiameseText_TwoBranchesEachReadingTextsThroughItsOwnEncoder()
    {
        // Given a pseudo-Siamese text model (LSTM titles, CNN bodies) in a bundle
        var network = SmallTextModels.Pseudo();
        var config = new ModelConfig
        {
            Encoder = SmallTextModels.Lstm, SecondEncoder = SmallTextModels.Cnn, Distance = "cosine",
            Input = new InputSpec(0, 0, 0, InputNormalization.Identity), Tokenizer = SmallTextModels.Settings,
        };
        using var model = new SiameseModel(new ModelBundle(config, network));

        // When each side embeds texts
        var titles = await model.Side(PairSide.First).GenerateAsync(SmallTextModels.Titles);
        var bodies = await model.Side(PairSide.Second).GenerateAsync(SmallTextModels.Bodies);

        // Then there are two branches reading texts, and each side's embeddings are its own encoder's
        Assert.Equal(2, model.Branches.Count);
        Assert.All(model.Branches, b => Assert.Equal(new TextInput(SmallTextModels.Settings), b.Input));
        Assert.Equal([PairSide.Second], model.Side(PairSide.Second).Branch.Sides);
        using var expectedTitles = TextEmbedder.Embed(network, SmallTextModels.Tokenizer(), SmallTextModels.Titles, PairSide.First);
        using var expectedBodies = TextEmbedder.Embed(network, SmallTextModels.Tokenizer(), SmallTextModels.Bodies, PairSide.Second);
        Assert.All(Rows(expectedTitles).Zip(titles), x => AssertClose(x.First, x.Second.Vector.ToArray()));
        Assert.All(Rows(expectedBodies).Zip(bodies), x => AssertClose(x.First, x.Second.Vector.ToArray()));
    }

    [Fact]
    public void TextAgainstImage_CompareReadsACaptionAndAnImageFileThroughTheirOwnBranches()
    {
        // Given a pseudo-Siamese model whose first branch reads texts and second reads images, through a saved bundle
        TorchEngine.Seed(8);
        var image = new MlpEncoderSpec { InputHeight = 6, InputWidth = 5, HiddenDimensions = [8], EmbeddingDimension = SmallTextModels.Dimension, BatchNorm = false };
        var network = new TwinNetwork(SmallTextModels.Lstm.Build(), image.Build(), new CosineSimilarity());
        var config = new ModelConfig
        {
            Encoder = SmallTextModels.Lstm, SecondEncoder = image, Distance = "cosine",
            Input = new InputSpec(1, 6, 5, Normalization), Tokenizer = SmallTextModels.Settings,
        };
        string path = temp.File("caption.siamese");
        new ModelBundle(config, network).Save(path, overwrite: false);
        using var model = SiameseModel.Load(path);
        string file = WriteImages(1, height: 6, width: 5, seed: 4)[0];

        // When a caption is compared with an image file
        var comparison = model.Compare("a river boat", file);

        // Then each went through its own branch: the score is the cosine of the text branch's and the image branch's embeddings
        Assert.IsType<TextInput>(model.Side(PairSide.First).Branch.Input);
        Assert.IsType<ImageInput>(model.Side(PairSide.Second).Branch.Input);
        using var scope = NewDisposeScope();
        var text = TextEmbedder.Embed(model.Bundle.Network, SmallTextModels.Tokenizer(), ["a river boat"], PairSide.First);
        var picture = model.Bundle.Network.Embed(LabeledImageSet.FromImageFiles([file], 1, 6, 5).ToTensor(Normalization), PairSide.Second);
        Assert.Equal(new CosineSimilarity().Paired(text, picture).item<float>(), comparison.Score, 5);
        Assert.True(comparison.LargerIsCloser);
    }

    [Fact]
    public async Task GenerateAsync_NoInputs_GivesNoEmbeddingsAndLeavesNoTensors()
    {
        using var model = new SiameseModel(ImageBundle());
        string[] files = WriteImages(2, height: 6, width: 5, seed: 3);
        long before = TorchEngine.LiveTensorCount;

        var none = await model.Side(PairSide.First).GenerateAsync([]);
        var two = await model.Side(PairSide.First).GenerateAsync(files);

        Assert.Empty(none);
        Assert.Equal(2, two.Count);
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }
}
