using System.IO.Compression;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Persistence;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

/// <summary>
/// Bundles written by format 1 (committed files, made once and never rewritten): they must keep loading with the same
/// weight entries and keys, the same fingerprint (galleries record it) and the same embeddings.
/// </summary>
[Collection(LiveTensorCollection.Name)]
public class FormatOneFixtureTests
{

    private const string ImageKeys =
        "features.b0c0_conv.weight,features.b0c0_bn.weight,features.b0c0_bn.bias,head.hidden.weight,head.hidden_bn.weight,head.hidden_bn.bias," +
        "head.projection.weight,head.projection.bias,features.b0c0_bn.running_mean,features.b0c0_bn.running_var,head.hidden_bn.running_mean,head.hidden_bn.running_var";

    private const string HeadKeys = "weight,bias";

    private const string ImageFingerprint = "e86482852cd20475eee7ce712e2e747dad342116f9e2ba0d072568b168dd4c5b";

    private const string FirstKeys =
        "subwords.weight,lstm.weight_ih_l0,lstm.weight_hh_l0,lstm.bias_ih_l0,lstm.bias_hh_l0,lstm.weight_ih_l0_reverse,lstm.weight_hh_l0_reverse," +
        "lstm.bias_ih_l0_reverse,lstm.bias_hh_l0_reverse,projection.weight,projection.bias";

    private const string SecondKeys = "subwords.weight,convolutions.0.weight,convolutions.0.bias,convolutions.1.weight,convolutions.1.bias,projection.weight,projection.bias";

    private const string TextFingerprint = "842efcc46023380638fb59ca7ab6ad6a477bc5f26c5f2535c411288695b2e212";

    private static readonly float[] ImageEmbedding = [-0.065819666f, -0.4987157f, 0.6830164f, 0.5295648f];

    private static readonly float[] FirstEmbedding = [-0.00034327793f, 0.38975844f, -0.1879979f, -0.22490457f, 0.09490971f, 0.7243012f, -0.2999078f, -0.3722879f];

    private static readonly float[] SecondEmbedding = [0.37228957f, -0.45776126f, -0.42313483f, 0.25777683f, 0.451555f, 0.3158209f, 0.13248615f, -0.29183197f];

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", name);

    private static string[] Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    [Fact]
    public void ImageTwinWithLearnedHead_LoadsWithItsKeysFingerprintAndEmbeddings()
    {
        string path = Fixture("format1-image.siamese");

        var bundle = ModelBundle.Load(path);

        Assert.Equal(["siamese.json", "weights.bin", "head.bin"], Entries(path));
        Assert.Equal(1, bundle.Config.FormatVersion);
        Assert.Equal(ImageKeys, string.Join(",", bundle.Network.Encoder.state_dict().Keys));
        Assert.Equal(HeadKeys, string.Join(",", bundle.Network.Head!.state_dict().Keys));
        Assert.Equal(ImageFingerprint, bundle.Fingerprint);
        using var scope = NewDisposeScope();
        var input = arange(64, dtype: ScalarType.Float32).reshape(1, 1, 8, 8) / 64;
        Assert.Equal(ImageEmbedding, bundle.Network.Embed(input)[0].data<float>().ToArray(), new FloatComparer());
    }

    [Fact]
    public void PseudoSiameseTextWithSharedWordVectors_LoadsWithItsKeysFingerprintAndEmbeddings()
    {
        string path = Fixture("format1-text.siamese");

        var bundle = ModelBundle.Load(path);

        Assert.Equal(["siamese.json", "weights.bin", "second-weights.bin"], Entries(path));
        Assert.True(bundle.Config.ShareWordVectors);
        Assert.Equal(FirstKeys, string.Join(",", bundle.Network.Encoder.state_dict().Keys));
        Assert.Equal(SecondKeys, string.Join(",", bundle.Network.SecondEncoder!.state_dict().Keys));
        Assert.Equal(TextFingerprint, bundle.Fingerprint);
        using var scope = NewDisposeScope();
        var tokenizer = new HashingTokenizer(bundle.Config.Tokenizer!);
        var first = TextEmbedder.Embed(bundle.Network, tokenizer, ["river boat"], PairSide.First)[0].data<float>().ToArray();
        var second = TextEmbedder.Embed(bundle.Network, tokenizer, ["the boat drifted down the slow river"], PairSide.Second)[0].data<float>().ToArray();
        Assert.Equal(FirstEmbedding, first, new FloatComparer());
        Assert.Equal(SecondEmbedding, second, new FloatComparer());
    }

    /// <summary>Equal to 1e-6: the matrix kernels may round the last bit differently from one call to the next.</summary>
    private sealed class FloatComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= 1e-6f;

        public int GetHashCode(float obj) => 0;
    }
}
