using Siamese.Engine;
using Siamese.Gallery;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Persistence;
using static TorchSharp.torch;

namespace Siamese.Tests.Gallery;

public sealed class GalleryIdentityTests
{
    [Fact]
    public void Of_SavedAndReloadedBundle_GivesTheSameIdentity()
    {
        // Given a bundle saved to a file
        using var folder = new TempFolder();
        TorchEngine.Seed(2);
        var config = ModelBundleTests.SmallConfig();
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string path = folder.File("copy.siamese");
        bundle.Save(path, overwrite: false);

        // When the identity of the original and of the reloaded copy are taken
        var original = GalleryIdentity.Of(bundle);
        var reloaded = GalleryIdentity.Of(ModelBundle.Load(path));

        // Then they agree: a 64-hex-digit fingerprint, the embedding dimension and the distance of the config
        Assert.Equal(original, reloaded);
        Assert.Matches("^[0-9a-f]{64}$", original.ModelFingerprint);
        Assert.Equal(8, original.EmbeddingDimension);
        Assert.Equal("l2", original.Distance);
    }

    [Fact]
    public void Of_ChangedWeightsOrDistance_GivesAnotherFingerprint()
    {
        // Given a bundle, the same architecture with other weights, and the same weights under cosine
        TorchEngine.Seed(3);
        var config = ModelBundleTests.SmallConfig();
        var network = ModelBundle.CreateNetwork(config);
        var bundle = new ModelBundle(config, network);
        string before = GalleryIdentity.Of(bundle).ModelFingerprint;
        var cosineConfig = ModelBundleTests.SmallConfig("cosine");
        var cosine = new ModelBundle(cosineConfig, ModelBundle.CreateNetwork(cosineConfig));
        using var folder = new TempFolder();
        network.Encoder.save(folder.File("weights.bin"));
        cosine.Network.Encoder.load(folder.File("weights.bin"));

        // When one weight of the first bundle changes
        using (no_grad())
        {
            network.Encoder.parameters().First().add_(1.0f);
        }

        // Then each fingerprint differs from the original
        Assert.NotEqual(before, GalleryIdentity.Of(bundle).ModelFingerprint);
        Assert.NotEqual(before, GalleryIdentity.Of(cosine).ModelFingerprint);
    }

    [Fact]
    public void Abbreviate_LongFingerprint_KeepsEightCharactersAndAnEllipsis()
    {
        // Given a fingerprint and a short string
        // When abbreviated
        // Then the long one is cut to 8 characters and an ellipsis, the short one is kept
        Assert.Equal("1a2b3c4d…", GalleryIdentity.Abbreviate("1a2b3c4d5e6f"));
        Assert.Equal("abc", GalleryIdentity.Abbreviate("abc"));
    }
}
