using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Text;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Text;

/// <summary>
/// Tiny text models for tests: a 1000-bucket tokenizer, an LSTM encoder and a CNN encoder of other word and hidden
/// sizes that both embed to <see cref="Dimension"/>, and twin or pseudo-Siamese networks built from them.
/// </summary>
internal static class SmallTextModels
{
    public const int Dimension = 8;

    public static readonly TokenizerSettings Settings = new() { BucketCount = 1000, MaxTokens = 16 };

    public static HashingTokenizer Tokenizer() => new(Settings);

    public static TextEncoderSpec Lstm => new()
    {
        VocabularySize = Settings.VocabularySize,
        WordDimension = 8,
        HiddenDimension = 6,
        EmbeddingDimension = Dimension,
        SequenceModel = TextEncoderKind.Lstm,
    };

    public static TextEncoderSpec Cnn => new()
    {
        VocabularySize = Settings.VocabularySize,
        WordDimension = 5,
        HiddenDimension = 4,
        EmbeddingDimension = Dimension,
        SequenceModel = TextEncoderKind.Cnn,
        KernelSizes = [1, 3],
    };

    public static TwinNetwork Twin(string distance = "cosine", int seed = 11)
    {
        TorchEngine.Seed(seed);
        return new TwinNetwork(Lstm.Build(), Distance.FromName(distance));
    }

    public static TwinNetwork Pseudo(string distance = "cosine", int seed = 11)
    {
        TorchEngine.Seed(seed);
        return new TwinNetwork(Lstm.Build(), Cnn.Build(), Distance.FromName(distance));
    }

    /// <summary>Short titles (first side) and longer bodies (second side): the two sides pad to other widths.</summary>
    public static readonly string[] Titles = ["river boat", "engine oil", "violin", "a comet in orbit", "fresh fish market"];

    public static readonly string[] Bodies =
    [
        "the boat drifted down the slow river at dawn",
        "change the engine oil every ten thousand miles",
        "she played the violin in the evening concert hall",
        "astronomers tracked the comet along its long orbit",
    ];

    /// <summary>
    /// The embedding of one text alone, through <paramref name="side"/>'s branch, in evaluation mode without
    /// gradients: the oracle for batched embedding (text encoders give a text the same embedding alone or padded).
    /// </summary>
    public static float[] EmbedAlone(TwinNetwork network, HashingTokenizer tokenizer, string text, PairSide side)
    {
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var ids = new TextInputSource([text], tokenizer).Gather([0]);
            return TensorTestData.ToArray(network.EncoderFor(side).forward(ids));
        }
        finally
        {
            network.train(wasTraining);
        }
    }

    public static void AssertRowsClose(float[] expected, float[] actual, double tolerance = 1e-5, string? because = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{because} entry {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
