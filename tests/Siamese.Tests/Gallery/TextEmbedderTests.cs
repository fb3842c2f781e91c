using Siamese.Engine;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Tests.Text;
using Siamese.Text;
using static Siamese.Tests.Text.SmallTextModels;
using static TorchSharp.torch;

namespace Siamese.Tests.Gallery;

[Collection(LiveTensorCollection.Name)]
public class TextEmbedderTests
{
    // Texts of 6, 1, 3, 0, 9, 2, 1 and 4 words, so that sorting by length reorders them
    private static readonly string[] Texts =
    [
        "the boat drifted down the river",
        "violin",
        "engine oil change",
        "",
        "astronomers tracked the comet along its long orbit tonight",
        "fresh fish",
        "comet",
        "a market by the sea",
    ];

    [Theory]
    [InlineData(false, PairSide.First, 3)]
    [InlineData(true, PairSide.First, 3)]
    [InlineData(true, PairSide.Second, 2)]
    [InlineData(true, PairSide.Second, 256)]
    public void Embed_TextsOfManyLengthsInChunks_GivesRowsInTheOriginalOrder(bool pseudo, PairSide side, int chunkSize)
    {
        // Given a network in training mode
        var network = pseudo ? Pseudo() : Twin();
        var tokenizer = Tokenizer();
        network.train();

        // When the texts are embedded as inputs of one side, in chunks of similar length
        float[] rows;
        using (var scope = NewDisposeScope())
        {
            var embedded = TextEmbedder.Embed(network, tokenizer, Texts, side, chunkSize);
            Assert.Equal(new long[] { Texts.Length, Dimension }, embedded.shape);
            Assert.False(embedded.requires_grad);
            rows = TensorTestData.ToArray(embedded);
        }

        // Then row i is text i embedded alone through that side's branch, and the network is back in training mode
        for (int i = 0; i < Texts.Length; i++)
        {
            AssertRowsClose(EmbedAlone(network, tokenizer, Texts[i], side), rows.AsSpan(i * Dimension, Dimension).ToArray(), because: $"text {i}");
        }

        Assert.True(network.training);
    }

    [Fact]
    public void Embed_NoTexts_Throws()
    {
        var network = Twin();
        Assert.Throws<ArgumentException>(() => TextEmbedder.Embed(network, Tokenizer(), []));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextEmbedder.Embed(network, Tokenizer(), Texts, chunkSize: 0));
    }

    [Fact]
    public void Embed_ManyCalls_KeepsLiveTensorCountFlat()
    {
        // Given a pseudo-Siamese network, made on a fresh thread before counting
        long before = 0, after = 0;
        FreshThread.Run(() =>
        {
            var network = Pseudo();
            var tokenizer = Tokenizer();
            before = TorchEngine.LiveTensorCount;

            // When texts are embedded 15 times per side in chunks of 3, each result disposed
            for (int i = 0; i < 15; i++)
            {
                using var first = TextEmbedder.Embed(network, tokenizer, Texts, PairSide.First, chunkSize: 3);
                using var second = TextEmbedder.Embed(network, tokenizer, Texts, PairSide.Second, chunkSize: 3);
            }

            after = TorchEngine.LiveTensorCount;
        });

        // Then nothing else outlives the calls
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }
}
