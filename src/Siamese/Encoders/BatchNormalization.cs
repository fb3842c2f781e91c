using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>
/// Batch normalisation over the channel dimension of (N, C) or (N, C, H, W) inputs, with learned
/// scale and shift and running statistics (momentum 0.1, epsilon 1e-5, as in PyTorch). It calls
/// libtorch's batch_norm directly and keeps no num_batches_tracked counter: TorchSharp's own
/// BatchNorm increments that counter with a temporary native scalar every step, and a benchmark run
/// here failed intermittently inside that increment ("argument alpha must not be a floating point
/// number"), which this module cannot hit.
/// </summary>
internal sealed class BatchNormalization : nn.Module<Tensor, Tensor>
{
    private const double Momentum = 0.1;
    private const double Epsilon = 1e-5;

    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;

    public BatchNormalization(long features)
        : base("BatchNormalization")
    {
        weight = new Parameter(ones(features));
        bias = new Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
}
