using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Tests.Data;
using static TorchSharp.torch;

namespace Siamese.Tests.Encoders;

public class EmbeddingLayerTests
{
    [Theory]
    [InlineData(EmbeddingLayer.Projection, 16)]
    [InlineData(EmbeddingLayer.Hidden, 40)]
    [InlineData(EmbeddingLayer.Features, 8 * 3 * 3)]
    public void OutputDimension_EachLayer_IsTheLengthOfThatLayer(EmbeddingLayer layer, int expected)
    {
        // Given a 2-block CNN on 12x12 inputs (12 -> 6 -> 3), 8 channels, 40 hidden units, 16-d projection
        var spec = Spec(layer);

        // When the network embeds a batch for comparison
        TorchEngine.EnsureInitialized();
        using var network = new TwinNetwork(spec.Build(), new L2Distance());
        using var embeddings = network.Embed(randn(3, 1, 12, 12));

        // Then the embeddings have the declared length and unit norm, and training still sees the projection
        Assert.Equal(expected, spec.OutputDimension);
        Assert.Equal(new long[] { 3, expected }, embeddings.shape);
        Assert.True(embeddings.norm(1).allclose(ones(3), atol: 1e-5));
        using var training = network.Encoder.forward(randn(4, 1, 12, 12));
        Assert.Equal(new long[] { 4, 16 }, training.shape);
    }

    [Fact]
    public void Embed_HiddenLayer_MatchesTheProjectionsInputBeforeTheProjection()
    {
        // Given a CNN that embeds from its hidden layer, without normalisation
        TorchEngine.EnsureInitialized();
        var spec = Spec(EmbeddingLayer.Hidden) with { NormalizeOutput = false };
        using var network = new TwinNetwork(spec.Build(), new L2Distance());
        network.eval();
        var x = randn(2, 1, 12, 12);

        // When it embeds, and the projection is applied to that embedding by hand
        using var noGrad = no_grad();
        var hidden = network.Embed(x);
        var projection = (TorchSharp.Modules.Linear)network.Encoder.named_modules().Single(m => m.name.EndsWith("projection", StringComparison.Ordinal)).module;

        // Then projecting the hidden embedding gives the training output: the hidden layer is the projection's input
        Assert.True(projection.forward(hidden).allclose(network.Encoder.forward(x), atol: 1e-5));
        Assert.True((hidden >= 0).all().item<bool>(), "the hidden embedding is taken after the ReLU");
    }

    [Fact]
    public void Validate_HiddenLayerWithoutHiddenUnits_ThrowsNamingIt()
    {
        var spec = Spec(EmbeddingLayer.Hidden) with { HiddenDimension = 0 };
        var ex = Assert.Throws<ArgumentException>(spec.Validate);
        Assert.Contains("hidden layer", ex.Message);
    }

    [Fact]
    public void Bundle_FeaturesLayer_RoundTripsAndReportsTheFeatureLength()
    {
        // Given a model that embeds from its convolutional features
        using var folder = new TempFolder();
        TorchEngine.EnsureInitialized();
        var spec = Spec(EmbeddingLayer.Features);
        var network = new TwinNetwork(spec.Build(), new L2Distance());
        var config = new ModelConfig
        {
            Encoder = spec,
            Distance = "l2",
            Input = new InputSpec(1, 12, 12, Siamese.Data.InputNormalization.Identity),
        };

        // When it is saved and loaded
        new ModelBundle(config, network).Save(folder.File("m.siamese"), overwrite: false);
        var loaded = ModelBundle.Load(folder.File("m.siamese"));

        // Then the layer survives and the bundle's embedding dimension is the feature length
        Assert.Equal(EmbeddingLayer.Features, ((ConvEncoderSpec)loaded.Config.Encoder).EmbeddingLayer);
        Assert.Equal(72, loaded.Config.EmbeddingDimension);
        var x = randn(2, 1, 12, 12);
        Assert.True(loaded.Network.Embed(x).allclose(network.Embed(x), atol: 1e-6));
    }

    [Fact]
    public void CreateNetwork_LearnedHeadOnAnInnerLayer_IsRefused()
    {
        // Given Koch's head, which scores the projection, with embeddings from the features
        var config = new ModelConfig
        {
            Encoder = Spec(EmbeddingLayer.Features),
            Distance = WeightedL1Similarity.DistanceName,
            Input = new InputSpec(1, 12, 12, Siamese.Data.InputNormalization.Identity),
        };

        // When the network is built, then it is refused
        var ex = Assert.Throws<ArgumentException>(() => ModelBundle.CreateNetwork(config));
        Assert.Contains("inner layer", ex.Message);
    }

    private static ConvEncoderSpec Spec(EmbeddingLayer layer) => new()
    {
        InputHeight = 12,
        InputWidth = 12,
        Channels = [4, 8],
        KernelSizes = [3, 3],
        HiddenDimension = 40,
        EmbeddingDimension = 16,
        EmbeddingLayer = layer,
    };
}
