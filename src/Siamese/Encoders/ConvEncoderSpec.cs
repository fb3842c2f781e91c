using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>
/// A configurable convolutional encoder for images: blocks of
/// (convolution → [batch norm] → ReLU) × <see cref="ConvolutionsPerBlock"/> → 2×2 max-pool, then an
/// optional hidden fully connected layer and a linear projection to the embedding. The defaults are
/// the tuned Fashion-MNIST recipe: blocks of 32, 64 and 128 channels, 3×3, one convolution each,
/// batch norm, 256 hidden units.
/// </summary>
public sealed record ConvEncoderSpec : EncoderSpec
{
    /// <summary>Output channels of each block; also sets the number of blocks.</summary>
    public int[] Channels { get; init; } = [32, 64, 128];

    /// <summary>Square kernel size of each block's convolutions (odd, same length as <see cref="Channels"/>).</summary>
    public int[] KernelSizes { get; init; } = [3, 3, 3];

    /// <summary>Convolutions in each block before its pooling.</summary>
    public int ConvolutionsPerBlock { get; init; } = 1;

    /// <summary>Units of the hidden fully connected layer; 0 for none.</summary>
    public int HiddenDimension { get; init; } = 256;

    /// <summary>Whether batch normalisation follows each convolution and the hidden layer.</summary>
    public bool BatchNorm { get; init; } = true;

    /// <summary>Dropout probability before the projection (0 for none).</summary>
    public double Dropout { get; init; }

    /// <summary>The layer whose output is the embedding handed out after training (default: the projection).</summary>
    public EmbeddingLayer EmbeddingLayer { get; init; } = EmbeddingLayer.Projection;

    /// <inheritdoc />
    public override int OutputDimension => EmbeddingLayer switch
    {
        EmbeddingLayer.Hidden => HiddenDimension,
        EmbeddingLayer.Features => Channels[^1] * (InputHeight >> Channels.Length) * (InputWidth >> Channels.Length),
        _ => EmbeddingDimension,
    };

    /// <summary>Most blocks accepted: each halves the input, and more would shrink any accepted input to nothing.</summary>
    public const int MaxBlocks = 12;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require(Channels.Length >= 1, "a CNN encoder needs at least one block of channels");
        Require(Channels.Length <= MaxBlocks, $"a CNN encoder has at most {MaxBlocks} blocks, not {Channels.Length}");
        Require(Channels.All(c => c >= 1), "every block needs at least 1 channel");
        Require(Channels.All(c => c <= MaxLayerWidth), $"block channels must be at most {MaxLayerWidth}, not {Channels.Max()}");
        Require(KernelSizes.Length == Channels.Length, $"kernel sizes ({KernelSizes.Length}) must match blocks ({Channels.Length})");
        Require(KernelSizes.All(k => k >= 1 && k % 2 == 1), "kernel sizes must be odd and positive");
        Require(KernelSizes.All(k => k <= MaxKernelSize), $"kernel sizes must be at most {MaxKernelSize}, not {KernelSizes.Max()}");
        Require(ConvolutionsPerBlock >= 1, "convolutions per block must be at least 1");
        Require(ConvolutionsPerBlock <= MaxLayers, $"convolutions per block must be at most {MaxLayers}, not {ConvolutionsPerBlock}");
        Require(HiddenDimension >= 0, "hidden dimension must be 0 (none) or positive");
        Require(HiddenDimension <= MaxLayerWidth, $"hidden dimension must be at most {MaxLayerWidth}, not {HiddenDimension}");
        Require(Dropout is >= 0 and < 1, "dropout must be in [0, 1)");
        Require(Enum.IsDefined(EmbeddingLayer), $"the embedding layer must be projection, hidden or features, not {(int)EmbeddingLayer}");
        Require(EmbeddingLayer != EmbeddingLayer.Hidden || HiddenDimension > 0, "embedding from the hidden layer needs a hidden layer (hidden dimension above 0)");
        Require(InputHeight >> Channels.Length >= 1 && InputWidth >> Channels.Length >= 1,
            $"{Channels.Length} pooling blocks shrink a {InputHeight}x{InputWidth} input to nothing");
        RequireImageWithinLimit();
        for (int block = 0; block < Channels.Length; block++)
        {
            long values = (long)Channels[block] * (InputHeight >> block) * (InputWidth >> block);
            Require(values <= MaxValuesPerExample, $"the feature maps of block {block + 1} hold {values} values for one input; at most {MaxValuesPerExample}");
        }

        RequireWeightsWithinLimit(CountWeights());
    }

    /// <summary>
    /// Values one input's activations take in a forward pass: the output map of every convolution, the hidden layer
    /// and the embedding (a training step keeps these, their batch-norm and ReLU outputs and, going backward, their
    /// gradients: about 11 bytes per value measured on the default CNN at 28x28).
    /// </summary>
    public long ActivationValuesPerExample()
    {
        long values = 0;
        for (int block = 0; block < Channels.Length; block++)
        {
            values += (long)ConvolutionsPerBlock * Channels[block] * (InputHeight >> block) * (InputWidth >> block);
        }

        return values + HiddenDimension + EmbeddingDimension;
    }

    /// <summary>The weights the <see cref="ConvEncoder"/> of these (otherwise valid) settings holds.</summary>
    private long CountWeights()
    {
        long weights = 0;
        long channels = InputChannels;
        for (int block = 0; block < Channels.Length; block++)
        {
            long k = KernelSizes[block];
            for (int conv = 0; conv < ConvolutionsPerBlock; conv++)
            {
                weights += (channels * Channels[block] * k * k) + (BatchNorm ? BatchNormWeights(Channels[block]) : Channels[block]);
                channels = Channels[block];
            }
        }

        long width = channels * (InputHeight >> Channels.Length) * (InputWidth >> Channels.Length);
        if (HiddenDimension > 0)
        {
            weights += (width * HiddenDimension) + (BatchNorm ? BatchNormWeights(HiddenDimension) : HiddenDimension);
            width = HiddenDimension;
        }

        return weights + (width * EmbeddingDimension) + EmbeddingDimension;
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build()
    {
        Validate();
        return new ConvEncoder(this);
    }
}
