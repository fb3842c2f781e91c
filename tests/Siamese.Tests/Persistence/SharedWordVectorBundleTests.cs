using System.IO.Compression;
using Siamese.Data;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Text;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

/// <summary>
/// A pseudo-Siamese text bundle whose branches share one word-vector table: weights.bin holds the table,
/// second-weights.bin the rest of the second branch, and loading wires the one table into both branches again.
/// </summary>
public sealed class SharedWordVectorBundleTests : IDisposable
{
    /// <summary>The second branch's state key of the table it shares (TextEncoder's field 'subwords').</summary>
    private const string TableKey = "subwords.weight";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static ModelConfig PseudoConfig(bool share) => new()
    {
        Encoder = SmallTextModels.Lstm,
        SecondEncoder = SmallTextModels.Cnn with { WordDimension = SmallTextModels.Lstm.WordDimension },
        ShareWordVectors = share,
        Distance = "cosine",
        Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
        Tokenizer = SmallTextModels.Settings,
    };

    /// <summary>A fresh pseudo-Siamese text bundle (seeded), saved under <paramref name="name"/>.</summary>
    private (ModelBundle Bundle, string Path) Saved(string name, bool share = true)
    {
        TorchEngine.Seed(12);
        var config = PseudoConfig(share);
        var bundle = new ModelBundle(config, ModelBundle.CreateNetwork(config));
        string path = folder.File(name);
        bundle.Save(path, overwrite: false);
        return (bundle, path);
    }

    private static long EntryLength(string path, string entry)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.GetEntry(entry)!.Length;
    }

    private static Tensor Table(nn.Module encoder) => encoder.named_parameters().Single(p => p.name == TableKey).parameter;

    [Fact]
    public void Save_SharedWordVectors_StoresTheTableOnceWithTheFirstBranch()
    {
        // Given the same pseudo-Siamese architecture saved with and without one shared word-vector table
        var (shared, sharedPath) = Saved("shared.siamese");
        var (_, separatePath) = Saved("separate.siamese", share: false);
        Assert.Same(Table(shared.Network.Encoder), Table(shared.Network.SecondEncoder!));
        long tableBytes = Table(shared.Network.Encoder).NumberOfElements * sizeof(float);

        // Then the shared bundle's second-weights.bin lacks the table: far smaller than weights.bin, and smaller than the
        // unshared bundle's by at least the table, while weights.bin (which holds the table) is the same size in both
        long first = EntryLength(sharedPath, ModelBundle.WeightsEntry);
        long second = EntryLength(sharedPath, ModelBundle.SecondWeightsEntry);
        Assert.True(second * 5 < first, $"second-weights.bin {second} bytes, weights.bin {first}");
        Assert.True(EntryLength(separatePath, ModelBundle.SecondWeightsEntry) - second >= tableBytes);
        Assert.Equal(EntryLength(separatePath, ModelBundle.WeightsEntry), first);
    }

    [Fact]
    public void SaveLoad_SharedWordVectors_EmbedsBothSidesAlikeAndStillSharesOneTable()
    {
        // Given a saved shared-vector bundle
        var (bundle, path) = Saved("shared.siamese");

        // When it is loaded
        var loaded = ModelBundle.Load(path);

        // Then both branches give the embeddings they gave before saving
        var tokenizer = SmallTextModels.Tokenizer();
        foreach (var side in new[] { PairSide.First, PairSide.Second })
        {
            foreach (string text in SmallTextModels.Titles.Concat(SmallTextModels.Bodies))
            {
                Assert.Equal(SmallTextModels.EmbedAlone(bundle.Network, tokenizer, text, side), SmallTextModels.EmbedAlone(loaded.Network, tokenizer, text, side));
            }
        }

        // And the two branches read one table object, so a change made through one is seen by the other
        var table = Table(loaded.Network.Encoder);
        Assert.Same(table, Table(loaded.Network.SecondEncoder!));
        using (no_grad())
        {
            table[3, 1] = tensor(42f);
        }

        Assert.Equal(42f, Table(loaded.Network.SecondEncoder!)[3, 1].item<float>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fingerprint_PseudoSiamese_HashesTheSecondBranchWithoutTheTableItSharesAndSurvivesSaveLoad(bool share)
    {
        // Given a pseudo-Siamese text bundle, with or without shared word vectors, saved
        var (bundle, path) = Saved("pseudo.siamese", share);

        // Then its fingerprint is SHA-256 of {encoder, distance, input}, the tokenizer and {secondEncoder, shareWordVectors}
        // as JSON, the first encoder's weights, then the second encoder's (without a shared table: the first holds it);
        // without sharing, the hash pseudo-Siamese bundles have had since they came. Loading keeps it.
        var config = bundle.Config;
        string expected = FingerprintOracle.Hash(
            [new { config.Encoder, config.Distance, config.Input }, config.Tokenizer, new { config.SecondEncoder, config.ShareWordVectors }],
            (bundle.Network.Encoder, null), (bundle.Network.SecondEncoder!, share ? [TableKey] : null));
        Assert.Equal(expected, bundle.Fingerprint);
        Assert.Equal(expected, ModelBundle.Load(path).Fingerprint);
    }

    [Theory]
    [InlineData("with the table")]
    [InlineData("without the table and the projection bias")]
    [InlineData("the first branch without the table")]
    public void Load_SharedVectorSecondWeightsNotTheSecondBranchLessTheTable_ThrowsThatTheyDoNotFit(string written)
    {
        // Given a shared-vector bundle whose second-weights.bin was written otherwise than as the second branch less the table
        var (bundle, path) = Saved("edited.siamese");
        var network = bundle.Network;
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelBundle.SecondWeightsEntry)!.Delete();
            using var stream = zip.CreateEntry(ModelBundle.SecondWeightsEntry).Open();
            _ = written switch
            {
                "with the table" => network.SecondEncoder!.save(stream),
                "without the table and the projection bias" => network.SecondEncoder!.save(stream, [TableKey, "projection.bias"]),
                _ => network.Encoder.save(stream, [TableKey]),
            };
        }

        // When it is loaded, then the weights are refused as strictly as unshared ones
        var ex = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.StartsWith(path, ex.Message);
        Assert.Contains("do not fit", ex.Message);
    }
}
