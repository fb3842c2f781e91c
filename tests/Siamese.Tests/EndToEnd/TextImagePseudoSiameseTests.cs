using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Samplers;
using Siamese.Text;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.EndToEnd;

/// <summary>
/// A pseudo-Siamese network across kinds of input: a text encoder for captions and a CNN for Fashion-MNIST images,
/// trained into one embedding space, saved as one bundle, and used to name unseen images by the closest caption.
/// </summary>
public class TextImagePseudoSiameseTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Templates = ["a photo of a {0}", "{0}", "picture of the {0}", "this is a {0}", "an image showing a {0}"];

    [Fact]
    public void Train_CaptionsAgainstImages_NamesUnseenTestImagesByTheClosestCaption()
    {
        // Given 2,000 real training images, captions in five phrasings per class, and 500 test images
        var images = FashionMnist.Load(null, FashionMnistSplit.Train).StratifiedSplit(2000.0 / 60000, seed: 3).First;
        var test = FashionMnist.Load(null, FashionMnistSplit.Test).StratifiedSplit(0.05, seed: 3).First;
        var normalization = InputNormalization.ComputeFrom(images);
        var names = FashionMnist.ClassNames.Select(n => n.ToLowerInvariant()).ToArray();
        var captions = names.SelectMany(n => Templates.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, n))).ToArray();
        var captionLabels = Enumerable.Range(0, names.Length).SelectMany(c => Enumerable.Repeat(c, Templates.Length)).ToArray();
        var tokenizer = new HashingTokenizer(new TokenizerSettings { BucketCount = 4096 });
        var textSpec = new TextEncoderSpec { VocabularySize = tokenizer.Settings.VocabularySize, SequenceModel = TextEncoderKind.Cnn, KernelSizes = [1, 3], WordDimension = 32, HiddenDimension = 32, EmbeddingDimension = 32 };
        var imageSpec = new ConvEncoderSpec { Channels = [16, 32], KernelSizes = [3, 3], HiddenDimension = 64, EmbeddingDimension = 32 };
        TorchEngine.Seed(3);
        var network = new TwinNetwork(textSpec.Build(), imageSpec.Build(), new CosineSimilarity());

        // When both branches train together with the supervised N-pair loss on class-balanced batches mixing captions and images
        var inputs = new TwoSidedInputSource(new TextInputSource(captions, tokenizer), new ImageSetInputSource(images, normalization));
        int[] labels = [.. captionLabels, .. images.Labels];
        var sampler = new ClassBalancedBatchSampler(labels, batchSize: 80, samplesPerClass: 8, seed: 3);
        var options = new TrainerOptions { Epochs = 2, StepsPerEpoch = 120, LearningRate = 0.003, WarmupSteps = 10, Seed = 3 };
        new Trainer(network, new NPairLoss(network.Distance, 0.1), options).Fit(inputs, sampler);

        // Then each unseen test image is named by its closest "a photo of a ..." caption far above chance (10 %)
        double accuracy = NameByCaption(network, tokenizer, names, test, normalization);
        output.WriteLine($"caption accuracy {accuracy:P1}");
        Assert.True(accuracy > 0.6, $"caption accuracy {accuracy:P1}");

        // And the two branches save as one bundle and load back to the same answers
        string path = Path.Combine(Path.GetTempPath(), $"siamese-text-image-{Guid.NewGuid():N}.siamese");
        try
        {
            var config = new ModelConfig
            {
                Encoder = textSpec, SecondEncoder = imageSpec, Distance = network.Distance.Name, Tokenizer = tokenizer.Settings,
                Input = new InputSpec(images.Channels, images.Height, images.Width, normalization),
            };
            new ModelBundle(config, network).Save(path, overwrite: false);
            var loaded = ModelBundle.Load(path);
            Assert.True(loaded.Network.IsPseudoSiamese);
            Assert.Equal(accuracy, NameByCaption(loaded.Network, new HashingTokenizer(loaded.Config.Tokenizer!), names, test, loaded.Config.Input!.Normalization));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double NameByCaption(TwinNetwork network, HashingTokenizer tokenizer, string[] names, LabeledImageSet test, InputNormalization normalization)
    {
        using var scope = NewDisposeScope();
        var captionEmbeddings = TextEmbedder.Embed(network, tokenizer, names.Select(n => $"a photo of a {n}").ToArray(), PairSide.First);
        var imageEmbeddings = network.Embed(test.ToTensor(normalization), PairSide.Second);
        var predicted = network.Distance.Matrix(imageEmbeddings, captionEmbeddings).argmax(1).data<long>().ToArray();
        return predicted.Where((p, i) => p == test.Labels[i]).Count() / (double)test.Count;
    }
}
