using Siamese.Networks;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Evaluation;

/// <summary>
/// A trained text model as a scorer: first texts through the first branch, second texts through the second (the
/// same encoder for a twin), scored with the model's distance.
/// </summary>
/// <remarks>
/// <see cref="Score"/> keeps the embeddings of its last second-text list and reuses them when the same list object
/// comes again (the evaluator scores query chunk after query chunk against one candidate list). The scorer is for
/// a model whose weights no longer change: make a new one after training further.
/// </remarks>
public sealed class ModelTextScorer : ITextPairScorer
{
    private readonly TwinNetwork network;
    private readonly HashingTokenizer tokenizer;

    // The second-side embeddings of the last Score call, kept as plain floats: matching scores query chunk after
    // query chunk against one candidate list, which is then embedded once.
    private (IReadOnlyList<string> Texts, float[] Values, long Dimension)? candidates;

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
        if (candidates is not { } cached || !ReferenceEquals(cached.Texts, secondTexts))
        {
            var embedded = TextEmbedder.Embed(network, tokenizer, secondTexts, PairSide.Second);
            candidates = cached = (secondTexts, embedded.data<float>().ToArray(), embedded.shape[1]);
        }

        var second = tensor(cached.Values, [secondTexts.Count, cached.Dimension]);
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
