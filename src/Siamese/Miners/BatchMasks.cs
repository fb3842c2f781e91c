using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>Boolean (N, N) masks of a labelled batch, made in the caller's dispose scope.</summary>
internal sealed class BatchMasks
{
    public BatchMasks(Tensor embeddings, IReadOnlyList<int> labels)
    {
        RequireOneLabelEach(embeddings, labels);
        long n = embeddings.shape[0];
        var label = tensor(labels.Select(l => (long)l).ToArray());
        var sameClass = label.unsqueeze(1).eq(label.unsqueeze(0));
        Positive = sameClass.logical_and(eye(n, dtype: ScalarType.Bool).logical_not());
        Negative = sameClass.logical_not();
    }

    /// <summary>[i, j]: j is a positive of anchor i (same class, not i itself).</summary>
    public Tensor Positive { get; }

    /// <summary>[i, j]: j is a negative of anchor i.</summary>
    public Tensor Negative { get; }

    /// <summary>(N, N) closeness of every pair under <paramref name="distance"/>: larger is closer, whatever the distance's direction.</summary>
    public static Tensor Closeness(IDistance distance, Tensor embeddings)
    {
        var d = distance.Matrix(embeddings, embeddings);
        return distance.LargerIsCloser ? d : -d;
    }

    /// <summary>(N) index of each anchor's hardest positive (its least close positive); meaningless for anchors without positives.</summary>
    public Tensor HardestPositive(Tensor closeness) => closeness.masked_fill(Positive.logical_not(), double.PositiveInfinity).argmin(1);

    /// <summary>(N) index of each anchor's hardest negative (its closest negative); meaningless for anchors without negatives.</summary>
    public Tensor HardestNegative(Tensor closeness) => closeness.masked_fill(Negative.logical_not(), double.NegativeInfinity).argmax(1);

    /// <summary>(N) whether each anchor has both a positive and a negative in the batch.</summary>
    public Tensor HasPositiveAndNegative() => Positive.any(1).logical_and(Negative.any(1));

    /// <summary>The columns of a (K, C) index tensor (as from nonzero or stack) as C int arrays.</summary>
    public static int[][] Columns(Tensor indices)
    {
        int width = (int)indices.shape[1];
        if (indices.shape[0] == 0)
        {
            return Enumerable.Range(0, width).Select(_ => Array.Empty<int>()).ToArray();
        }

        var flat = indices.to(ScalarType.Int32).contiguous().data<int>().ToArray();
        int count = flat.Length / width;
        var columns = new int[width][];
        for (int c = 0; c < width; c++)
        {
            columns[c] = new int[count];
            for (int k = 0; k < count; k++)
            {
                columns[c][k] = flat[(k * width) + c];
            }
        }

        return columns;
    }

    /// <summary>Throws unless there is one label per embedding.</summary>
    public static void RequireOneLabelEach(Tensor embeddings, IReadOnlyList<int> labels)
    {
        if (labels.Count != embeddings.shape[0])
        {
            throw new ArgumentException($"{labels.Count} labels for {embeddings.shape[0]} embeddings");
        }
    }
}
