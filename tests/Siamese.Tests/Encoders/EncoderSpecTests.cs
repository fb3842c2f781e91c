using Siamese.Encoders;
using Siamese.Engine;
using static TorchSharp.torch;

namespace Siamese.Tests.Encoders;

public class EncoderSpecTests
{
    [Fact]
    public void ConvEncoder_FashionMnistShape_GivesUnitNormEmbeddings()
    {
        // Given the default CNN on 28x28 grayscale inputs
        TorchEngine.EnsureInitialized();
        var spec = new ConvEncoderSpec { EmbeddingDimension = 32 };
        var encoder = spec.Build();
        encoder.eval();

        // When a batch passes through
        using var output = encoder.forward(randn(5, 1, 28, 28));

        // Then each row is a 32-vector of unit length
        Assert.Equal(new long[] { 5, 32 }, output.shape);
        using var norms = output.norm(1);
        Assert.True(norms.allclose(ones(5), atol: 1e-5));
    }

    [Fact]
    public void ConvEncoder_WithoutNormalization_IsNotUnitNorm()
    {
        TorchEngine.EnsureInitialized();
        var encoder = new ConvEncoderSpec { Channels = [4], KernelSizes = [5], ConvolutionsPerBlock = 1, HiddenDimension = 0, NormalizeOutput = false, BatchNorm = false }.Build();
        using var output = encoder.forward(randn(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 64 }, output.shape);
        Assert.False(output.norm(1).allclose(ones(3), atol: 1e-3));
    }

    [Fact]
    public void MlpEncoder_RgbInput_FlattensAllChannels()
    {
        TorchEngine.EnsureInitialized();
        var encoder = new MlpEncoderSpec { InputChannels = 3, InputHeight = 4, InputWidth = 4, HiddenDimensions = [8, 8], EmbeddingDimension = 6 }.Build();
        encoder.eval();
        using var output = encoder.forward(randn(2, 3, 4, 4));
        Assert.Equal(new long[] { 2, 6 }, output.shape);
    }

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Validate_InvalidSpec_ThrowsNamingTheSetting(EncoderSpec spec, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(spec.Validate);
        Assert.Contains(expected, ex.Message);
    }

    public static TheoryData<EncoderSpec, string> InvalidSpecs() => new()
    {
        { new ConvEncoderSpec { EmbeddingDimension = 0 }, "embedding dimension" },
        { new ConvEncoderSpec { KernelSizes = [3] }, "kernel sizes" },
        { new ConvEncoderSpec { KernelSizes = [3, 4, 3] }, "odd" },
        { new ConvEncoderSpec { Channels = [8, 8, 8, 8, 8, 8], KernelSizes = [3, 3, 3, 3, 3, 3] }, "shrink" },
        { new ConvEncoderSpec { Dropout = 1.0 }, "dropout" },
        { new MlpEncoderSpec { HiddenDimensions = [0] }, "hidden" },
        { new MlpEncoderSpec { InputChannels = 0 }, "input channels" },
    };
}
