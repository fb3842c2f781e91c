using Siamese.Engine;
using static TorchSharp.torch;

namespace Siamese.Tests.Engine;

public class EngineCheckTests
{
    [Fact]
    public void Run_OnThisMachine_EveryConvolutionIsRightAndRepeatable()
    {
        EngineCheckReport? report = null;
        FreshThread.Run(() => report = EngineCheck.Run());

        Assert.NotNull(report);
        Assert.Equal(ConvolutionCheck.Standard.Count, report.Convolutions.Count);
        Assert.All(report.Convolutions, c =>
        {
            Assert.True(c.RelativeError <= ConvolutionCheck.Tolerance, $"{c.Check}: relative error {c.RelativeError}");
            Assert.True(c.Repeatable, $"{c.Check}: two runs gave different bits");
        });
        Assert.True(report.Passed);
    }

    [Fact]
    public void RelativeError_AWholeOutputChannelUnwritten_IsNotFinite()
    {
        // Given a weight gradient of which one output channel holds what an unwritten buffer may hold
        using var scope = NewDisposeScope();
        var reference = randn(8, 1, 3, 3, generator: new Generator(7));
        var broken = reference.clone();
        broken[2] = full(new long[] { 1, 3, 3 }, float.NaN);

        // When it is compared with the reference
        double error = ConvolutionCheck.RelativeError([broken], [reference]);

        // Then the check reports it as not finite
        Assert.True(double.IsNaN(error));
    }

    [Fact]
    public void RelativeError_ALeftoverValue_IsFarAboveTheTolerance()
    {
        // Given a gradient whose channel 5 kept zeros (a buffer that happened to be clean) instead of its values
        using var scope = NewDisposeScope();
        var reference = randn(8, 1, 3, 3, generator: new Generator(8));
        var broken = reference.clone();
        broken[5] = zeros(1, 3, 3);

        // When it is compared
        double error = ConvolutionCheck.RelativeError([reference, broken], [reference, reference]);

        // Then the difference is of the order of the values, not of float32 rounding
        Assert.True(error > 100 * ConvolutionCheck.Tolerance, $"relative error {error}");
    }

    [Fact]
    public void RelativeError_Float32RoundingOfTheSameValues_IsWithinTheTolerance()
    {
        using var scope = NewDisposeScope();
        var reference = randn(new long[] { 16, 3, 5, 5 }, dtype: ScalarType.Float64, generator: new Generator(9));

        double error = ConvolutionCheck.RelativeError([reference.to(ScalarType.Float32)], [reference]);

        Assert.InRange(error, 0, ConvolutionCheck.Tolerance / 10);
    }
}
