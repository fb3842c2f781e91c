using System.Text.Json;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Persistence;
using static TorchSharp.torch;

namespace Siamese.Tests.Encoders;

[Collection(LiveTensorCollection.Name)]
public class TextEncoderTests
{
    public static TheoryData<TextEncoderKind, TextPooling> KindsAndPoolings() => new()
    {
        { TextEncoderKind.Lstm, TextPooling.Mean },
        { TextEncoderKind.Lstm, TextPooling.Max },
        { TextEncoderKind.Lstm, TextPooling.Last },
        { TextEncoderKind.Gru, TextPooling.Mean },
        { TextEncoderKind.Gru, TextPooling.Last },
        { TextEncoderKind.Cnn, TextPooling.Mean },
        { TextEncoderKind.Cnn, TextPooling.Max },
    };

    [Theory]
    [MemberData(nameof(KindsAndPoolings))]
    public void Forward_PaddedBatch_GivesEachTextTheEmbeddingItHasAlone(TextEncoderKind kind, TextPooling pooling)
    {
        // Given texts of 2, 5 and 1 words (up to 3 subwords each), batched with padding to 7 words
        TorchEngine.EnsureInitialized();
        manual_seed(3);
        var encoder = Spec(kind, pooling).Build();
        encoder.eval();
        long[][][] texts =
        [
            [[5, 9, 0], [7, 0, 0]],
            [[1, 2, 3], [4, 0, 0], [8, 11, 12], [13, 0, 0], [6, 14, 0]],
            [[10, 15, 16]],
        ];

        // When the batch and each text alone are embedded
        using var noGrad = no_grad();
        var batch = encoder.forward(Ids(texts, width: 7));
        for (int t = 0; t < texts.Length; t++)
        {
            var alone = encoder.forward(Ids([texts[t]], width: texts[t].Length));

            // Then padding changes nothing
            Assert.True(batch[t].allclose(alone[0], rtol: 1e-4, atol: 1e-5), $"text {t} ({kind}, {pooling}) differs when padded");
        }

        Assert.Equal(new long[] { 3, 8 }, batch.shape);
        Assert.True(batch.norm(1).allclose(ones(3), atol: 1e-5));
    }

    [Fact]
    public void Forward_EmptyText_GivesAFiniteEmbedding()
    {
        // Given a batch holding an empty text (only padding) beside a real one
        TorchEngine.EnsureInitialized();
        var encoder = Spec(TextEncoderKind.Lstm, TextPooling.Max).Build();
        encoder.eval();

        // When it is embedded
        using var noGrad = no_grad();
        var output = encoder.forward(Ids([[], [[3, 4, 0]]], width: 2));

        // Then nothing is NaN or infinite
        Assert.True(output.isfinite().all().item<bool>());
    }

    [Fact]
    public void Backward_Loss_ReachesSubwordsButNeverThePaddingRow()
    {
        // Given a training step through an LSTM encoder
        TorchEngine.EnsureInitialized();
        var encoder = Spec(TextEncoderKind.Lstm, TextPooling.Mean).Build();
        encoder.train();

        // When a loss of the embeddings is back-propagated
        encoder.forward(Ids([[[5, 9, 0], [7, 0, 0]], [[1, 2, 3]]], width: 3)).sum().backward();

        // Then used subword rows get gradients and the padding row (0) none
        var grad = encoder.named_parameters().Single(p => p.name.StartsWith("subwords", StringComparison.Ordinal)).parameter.grad!;
        Assert.True(grad[5].abs().sum().item<float>() > 0);
        Assert.Equal(0f, grad[0].abs().sum().item<float>());
    }

    [Fact]
    public void Spec_JsonRoundTrip_KeepsEverySetting()
    {
        // Given a text encoder specification as a bundle stores it
        EncoderSpec spec = Spec(TextEncoderKind.Gru, TextPooling.Last) with { Layers = 2, Bidirectional = false };

        // When it is written and read back through the bundle's JSON settings
        string json = JsonSerializer.Serialize(spec, ModelBundle.JsonOptions);
        var back = JsonSerializer.Deserialize<EncoderSpec>(json, ModelBundle.JsonOptions);

        // Then it is the same record, tagged as a text encoder
        Assert.Contains("\"kind\": \"text\"", json);
        var text = Assert.IsType<TextEncoderSpec>(back);
        Assert.Equal(TextEncoderKind.Gru, text.SequenceModel);
        Assert.Equal(TextPooling.Last, text.Pooling);
        Assert.Equal(2, text.Layers);
        Assert.False(text.Bidirectional);
        Assert.Equal(17, text.VocabularySize);
    }

    [Theory]
    [InlineData(TextEncoderKind.Cnn, TextPooling.Last, "mean or max")]
    [InlineData(TextEncoderKind.Lstm, TextPooling.Mean, "at least 1 layer")]
    public void Validate_InvalidSpec_ThrowsNamingTheProblem(TextEncoderKind kind, TextPooling pooling, string expected)
    {
        var spec = Spec(kind, pooling) with { Layers = expected == "at least 1 layer" ? 0 : 1 };
        var ex = Assert.Throws<ArgumentException>(spec.Validate);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Forward_ManyBatches_KeepsLiveTensorCountFlat()
    {
        // Given an encoder and its input, made before counting, on a fresh thread so that only its own tensors count
        long before = 0, after = 0;
        var thread = new Thread(() =>
        {
            TorchEngine.EnsureInitialized();
            var encoder = Spec(TextEncoderKind.Lstm, TextPooling.Last).Build();
            using var ids = Ids([[[5, 9, 0], [7, 0, 0]], [[1, 2, 3]]], width: 4);
            before = TorchEngine.LiveTensorCount;

            // When it embeds 20 batches, each result disposed
            for (int i = 0; i < 20; i++)
            {
                using var output = encoder.forward(ids);
            }

            after = TorchEngine.LiveTensorCount;
        });
        thread.Start();
        thread.Join();

        // Then no intermediate tensor outlives its call
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }

    private static TextEncoderSpec Spec(TextEncoderKind kind, TextPooling pooling) => new()
    {
        VocabularySize = 17,
        WordDimension = 6,
        HiddenDimension = 5,
        EmbeddingDimension = 8,
        SequenceModel = kind,
        Pooling = pooling,
        KernelSizes = [1, 3],
    };

    /// <summary>Subword ids (texts, width, 3) with the real words first and 0 as padding.</summary>
    private static Tensor Ids(long[][][] texts, int width)
    {
        var values = new long[texts.Length * width * 3];
        for (int t = 0; t < texts.Length; t++)
        {
            for (int w = 0; w < texts[t].Length; w++)
            {
                Array.Copy(texts[t][w], 0, values, ((t * width) + w) * 3, 3);
            }
        }

        return tensor(values, [texts.Length, width, 3]);
    }
}
