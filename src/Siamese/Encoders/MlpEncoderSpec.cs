using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>
/// A multilayer perceptron encoder: the input is flattened, then passes hidden layers of
/// (linear → [batch norm] → ReLU → [dropout]) and a linear projection to the embedding.
/// </summary>
public sealed record MlpEncoderSpec : EncoderSpec
{
    /// <summary>Units of each hidden layer (may be empty).</summary>
    public int[] HiddenDimensions { get; init; } = [256];

    /// <summary>Whether batch normalisation follows each hidden linear layer.</summary>
    public bool BatchNorm { get; init; } = true;

    /// <summary>Dropout probability after each hidden layer (0 for none).</summary>
    public double Dropout { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require(HiddenDimensions.Length <= MaxLayers, $"an MLP encoder has at most {MaxLayers} hidden layers, not {HiddenDimensions.Length}");
        Require(HiddenDimensions.All(h => h >= 1), "hidden layers need at least 1 unit");
        Require(HiddenDimensions.All(h => h <= MaxLayerWidth), $"hidden layers must have at most {MaxLayerWidth} units, not {HiddenDimensions.DefaultIfEmpty().Max()}");
        Require(Dropout is >= 0 and < 1, "dropout must be in [0, 1)");
        RequireImageWithinLimit();
        RequireWeightsWithinLimit(CountWeights());
    }

    /// <summary>The weights the <see cref="MlpEncoder"/> of these (otherwise valid) settings holds.</summary>
    private long CountWeights()
    {
        long weights = 0;
        long width = (long)InputChannels * InputHeight * InputWidth;
        foreach (int units in HiddenDimensions)
        {
            weights += (width * units) + (BatchNorm ? BatchNormWeights(units) : units);
            width = units;
        }

        return weights + (width * EmbeddingDimension) + EmbeddingDimension;
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build()
    {
        Validate();
        return new MlpEncoder(this);
    }
}
