using Siamese.Networks;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Evaluation;

/// <summary>
/// A trained text model as a scorer: first texts through the first branch, second texts through the second (the
/// same encoder for a twin), scored with the model's distance.
/// </summary>
public sealed class ModelTextScorer : ITextPairScorer
{
    private readonly TwinNetwork network;
    private readonly HashingTokenizer tokenizer;

    /// <summary>Wraps a network with text encoders and the tokenizer it was trained with.</summary>
    public ModelTextScorer(TwinNetwork network, HashingTokenizer tokenizer)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
    }

    /// <inheritdoc />
    public string Name => "model";

    /// <inheritdoc />
    public bool LargerIsCloser => network.Distance.LargerIsCloser;

    /// <inheritdoc />
    public float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var first = TextEmbedder.Embed(network, tokenizer, firstTexts, PairSide.First);
        var second = TextEmbedder.Embed(network, tokenizer, secondTexts, PairSide.Second);
        var matrix = network.Distance.Matrix(first, second).contiguous();
        var values = matrix.data<float>().ToArray();
        var scores = new float[firstTexts.Count, secondTexts.Count];
        Buffer.BlockCopy(values, 0, scores, 0, values.Length * sizeof(float));
        return scores;
    }

    /// <inheritdoc />
    public float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var first = TextEmbedder.Embed(network, tokenizer, firstTexts, PairSide.First);
        var second = TextEmbedder.Embed(network, tokenizer, secondTexts, PairSide.Second);
        return network.Distance.Paired(first, second).data<float>().ToArray();
    }
}
