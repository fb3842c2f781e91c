using static TorchSharp.torch;

namespace Siamese.Engine;

/// <summary>
/// One convolution shape checked by <see cref="EngineCheck"/>: the float32 forward pass, input gradient and weight
/// gradient libtorch computes (through oneDNN where it applies) against the same computed in float64, which libtorch
/// runs on its own reference kernels, never on oneDNN.
/// </summary>
/// <param name="Batch">Images in the batch.</param>
/// <param name="InputChannels">Channels of each image (1 for greyscale: the case oneDNN's AVX-512 kernel got wrong).</param>
/// <param name="Size">Height and width of each image.</param>
/// <param name="OutputChannels">Filters of the convolution.</param>
/// <param name="Kernel">Kernel height and width (padded to keep the size).</param>
public sealed record ConvolutionCheck(int Batch, int InputChannels, int Size, int OutputChannels, int Kernel)
{
    /// <summary>Largest relative difference from the float64 reference that counts as right (float32 rounding is ~1e-6).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// The shapes <c>siamese doctor</c> checks: the first layers of the tiny and default CNNs at their batch sizes
    /// (pairs, triplets, quadruplets), larger greyscale inputs, colour input and an inner layer.
    /// </summary>
    public static IReadOnlyList<ConvolutionCheck> Standard { get; } =
    [
        new(30, 1, 28, 8, 3),
        new(32, 1, 28, 8, 3),
        new(64, 1, 28, 8, 3),
        new(96, 1, 28, 16, 3),
        new(100, 1, 28, 8, 3),
        new(128, 1, 28, 32, 3),
        new(40, 1, 52, 8, 5),
        new(16, 3, 32, 16, 3),
        new(30, 8, 14, 8, 3),
    ];

    /// <summary>Describes the shape: "30x1x28x28 -> 8 (3x3)".</summary>
    public override string ToString() => $"{Batch}x{InputChannels}x{Size}x{Size} -> {OutputChannels} ({Kernel}x{Kernel})";

    /// <summary>
    /// Runs the check twice on seeded random data: the largest relative difference of the three results from the
    /// float64 reference (NaN when a result is not finite), and whether the two float32 runs gave the same bits.
    /// </summary>
    public (double RelativeError, bool Repeatable) Run(int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator((ulong)seed);
        var x = randn([Batch, InputChannels, Size, Size], generator: generator);
        var w = randn([OutputChannels, InputChannels, Kernel, Kernel], generator: generator) * (1.0 / Math.Sqrt(InputChannels * Kernel * Kernel));
        var upstream = randn([Batch, OutputChannels, Size, Size], generator: generator);

        var first = Gradients(x, w, upstream);
        var second = Gradients(x, w, upstream);
        var reference = Gradients(x.to(ScalarType.Float64), w.to(ScalarType.Float64), upstream.to(ScalarType.Float64));
        bool repeatable = first.Zip(second).All(p => p.First.equal(p.Second).all().item<bool>());
        return (RelativeError(first, reference), repeatable);
    }

    /// <summary>
    /// The largest relative difference of <paramref name="values"/> from <paramref name="reference"/>, tensor by tensor
    /// (max |v - r| / max |r|); NaN when a value is not finite.
    /// </summary>
    internal static double RelativeError(IReadOnlyList<Tensor> values, IReadOnlyList<Tensor> reference)
    {
        using var scope = NewDisposeScope();
        double error = 0;
        foreach (var (value, expected) in values.Zip(reference))
        {
            var v = value.to(ScalarType.Float64);
            var r = expected.to(ScalarType.Float64);
            if (!isfinite(v).all().item<bool>())
            {
                return double.NaN;
            }

            double scale = Math.Max(r.abs().max().item<double>(), 1e-12);
            error = Math.Max(error, (v - r).abs().max().item<double>() / scale);
        }

        return error;
    }

    private Tensor[] Gradients(Tensor x, Tensor w, Tensor upstream)
    {
        using var grad = enable_grad();
        var input = x.detach().requires_grad_(true);
        var weight = w.detach().requires_grad_(true);
        var output = nn.functional.conv2d(input, weight, padding: [Kernel / 2, Kernel / 2]);
        (output * upstream).sum().backward();
        return [output.detach(), input.grad!.detach(), weight.grad!.detach()];
    }
}
