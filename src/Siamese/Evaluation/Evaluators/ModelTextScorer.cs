using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// A trained text model as a scorer: first texts through the first branch, second texts through the second (the
/// same encoder for a twin), scored with the model's distance.
/// </summary>
/// <remarks>
/// The scorer keeps the embeddings of the last list of each side and reuses them when the same list object comes
/// again (the evaluator scores the pairs, then the matching blocks, over the same two lists of distinct texts), as
/// <see cref="ITextPairScorer"/> allows. The scorer is for a model whose weights no longer change: make a new one
/// after training further.
/// </remarks>
public sealed class ModelTextScorer : ITextPairScorer
{
    private readonly TwinNetwork network;
    private readonly HashingTokenizer tokenizer;

    // The embeddings of the last list of each side, kept as plain floats so that no tensor outlives a call.
    private (IReadOnlyList<string> Texts, float[] Values, long Dimension)? first, second;

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
    public float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts, left, right);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = Embedded(ref first, firstTexts, PairSide.First, left);
        var b = Embedded(ref second, secondTexts, PairSide.Second, right);
        return network.Distance.Paired(a, b).data<float>().ToArray();
    }

    /// <inheritdoc />
    public float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        TextPairEvaluator.RequireIndices(firstTexts, secondTexts, rows, columns);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = Embedded(ref first, firstTexts, PairSide.First, rows);
        var b = Embedded(ref second, secondTexts, PairSide.Second, columns);
        var values = network.Distance.Matrix(a, b).contiguous().data<float>().ToArray();
        var scores = new float[rows.Count, columns.Count];
        Buffer.BlockCopy(values, 0, scores, 0, values.Length * sizeof(float));
        return scores;
    }

    /// <summary>Scores each pair (<paramref name="firstTexts"/>[i], <paramref name="secondTexts"/>[i]), e.g. one pair to compare.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a null text.</exception>
    public float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts);
        int[] each = [.. Enumerable.Range(0, firstTexts.Count)];
        return ScorePairs(firstTexts, secondTexts, each, each);
    }

    /// <summary>
    /// Scores every first text against every second text: <c>result[i, j]</c> is the score of
    /// <paramref name="firstTexts"/>[i] against <paramref name="secondTexts"/>[j].
    /// </summary>
    /// <exception cref="ArgumentException">A list is empty or holds a null text.</exception>
    public float[,] Score(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        return Score(firstTexts, secondTexts, [.. Enumerable.Range(0, firstTexts.Count)], [.. Enumerable.Range(0, secondTexts.Count)]);
    }

    /// <summary>
    /// The embeddings of <paramref name="texts"/>[<paramref name="indices"/>], (N, D): from <paramref name="cache"/>
    /// when it holds this list, otherwise embedded (every text once) and kept there.
    /// </summary>
    private Tensor Embedded(ref (IReadOnlyList<string> Texts, float[] Values, long Dimension)? cache, IReadOnlyList<string> texts, PairSide side, IReadOnlyList<int> indices)
    {
        using var scope = NewDisposeScope();
        if (cache is not { } known || !ReferenceEquals(known.Texts, texts))
        {
            var embedded = TextEmbedder.Embed(network, tokenizer, texts, side);
            cache = known = (texts, embedded.data<float>().ToArray(), embedded.shape[1]);
        }

        var all = tensor(known.Values, [texts.Count, known.Dimension]);
        return all.index_select(0, tensor(indices.Select(i => (long)i).ToArray())).MoveToOuterDisposeScope();
    }
}
