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
/// <see cref="Prepare"/> embeds each list once and keeps the embeddings as plain floats (no tensor outlives a call), so
/// what it returns scores with the weights the model had then.
/// </remarks>
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
    public ITextPairScores Prepare(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        using var scope = NewDisposeScope();
        var a = TextEmbedder.Embed(network, tokenizer, firstTexts, PairSide.First);
        var b = TextEmbedder.Embed(network, tokenizer, secondTexts, PairSide.Second);
        return new Embeddings(network.Distance, a.data<float>().ToArray(), b.data<float>().ToArray(), firstTexts.Count, secondTexts.Count, a.shape[1]);
    }

    /// <summary>Scores each pair (<paramref name="firstTexts"/>[i], <paramref name="secondTexts"/>[i]), e.g. one pair to compare.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a null text.</exception>
    public float[] ScorePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        TextPairEvaluator.RequirePairs(firstTexts, secondTexts);
        int[] each = [.. Enumerable.Range(0, firstTexts.Count)];
        return this.ScorePairs(firstTexts, secondTexts, each, each);
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
        return this.Score(firstTexts, secondTexts, [.. Enumerable.Range(0, firstTexts.Count)], [.. Enumerable.Range(0, secondTexts.Count)]);
    }

    /// <summary>Both lists' embeddings (row-major floats), scored with the model's distance.</summary>
    private sealed class Embeddings(Distances.IDistance distance, float[] first, float[] second, int firstCount, int secondCount, long dimension) : ITextPairScores
    {
        public int FirstCount => firstCount;

        public int SecondCount => secondCount;

        public float[] ScorePairs(IReadOnlyList<int> left, IReadOnlyList<int> right)
        {
            TextPairEvaluator.RequirePairIndices(left, right, FirstCount, SecondCount);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return distance.Paired(Rows(first, firstCount, left), Rows(second, secondCount, right)).data<float>().ToArray();
        }

        public float[,] Score(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
        {
            TextPairEvaluator.RequireBlockIndices(rows, columns, FirstCount, SecondCount);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var values = distance.Matrix(Rows(first, firstCount, rows), Rows(second, secondCount, columns)).contiguous().data<float>().ToArray();
            var scores = new float[rows.Count, columns.Count];
            Buffer.BlockCopy(values, 0, scores, 0, values.Length * sizeof(float));
            return scores;
        }

        /// <summary>The chosen rows of one side's embeddings, (N, D), in the caller's dispose scope.</summary>
        private Tensor Rows(float[] values, int count, IReadOnlyList<int> indices) =>
            tensor(values, [count, dimension]).index_select(0, tensor(indices.Select(i => (long)i).ToArray()));
    }
}
