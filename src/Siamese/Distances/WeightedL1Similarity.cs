using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Distances;

/// <summary>
/// The learned similarity head of Koch, Zemel and Salakhutdinov (2015), "Siamese Neural Networks for One-shot
/// Image Recognition": a weighted L1 distance passed through a logistic unit,
/// p(same | x1, x2) = σ(Σⱼ αⱼ·|h1ⱼ − h2ⱼ| + b). Its score is the logit Σⱼ αⱼ·|h1ⱼ − h2ⱼ| + b, so larger is closer
/// and σ(score) is the probability that the pair is the same; the weights α and the bias b are trained with the
/// encoder (by <see cref="Losses.BinaryCrossEntropyLoss"/>) and saved in the model bundle beside it.
/// </summary>
/// <remarks>
/// α starts at −1/D and b at 1, so an untrained head already scores nearer pairs higher; training is free to
/// reweight (or flip) every component.
/// </remarks>
public sealed class WeightedL1Similarity : nn.Module, IDistance
{
    /// <summary>The name used in bundles and on the command line.</summary>
    public const string DistanceName = "weighted-l1";

    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Creates a head for embeddings of <paramref name="dimension"/> components.</summary>
    public WeightedL1Similarity(int dimension)
        : base("WeightedL1Similarity")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        weight = new Parameter(full(dimension, -1.0f / dimension));
        bias = new Parameter(ones(1));
        RegisterComponents();
    }

    /// <summary>Length of the embeddings the head takes.</summary>
    public int Dimension { get; }

    /// <inheritdoc />
    public string Name => DistanceName;

    /// <inheritdoc />
    public bool LargerIsCloser => true;

    /// <summary>The component weights α (D).</summary>
    public Tensor Weight => weight;

    /// <summary>The bias b (1).</summary>
    public Tensor Bias => bias;

    /// <inheritdoc />
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return ((a - b).abs().matmul(weight) + bias).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    /// <remarks>Builds an (N, M, D) difference tensor in chunks of rows so that large galleries stay within memory.</remarks>
    public Tensor Matrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        long rowsPerChunk = Math.Max(1, (1L << 24) / Math.Max(1, b.shape[0] * a.shape[1]));
        var chunks = new List<Tensor>();
        for (long start = 0; start < a.shape[0]; start += rowsPerChunk)
        {
            var rows = a.narrow(0, start, Math.Min(rowsPerChunk, a.shape[0] - start));
            chunks.Add((rows.unsqueeze(1) - b.unsqueeze(0)).abs().matmul(weight) + bias);
        }

        return (chunks.Count == 1 ? chunks[0] : cat(chunks, 0)).MoveToOuterDisposeScope();
    }

    /// <summary>p(same) of scores from <see cref="Paired"/> or <see cref="Matrix"/>: the logistic function.</summary>
    public static Tensor Probability(Tensor scores) => sigmoid(scores);
}
