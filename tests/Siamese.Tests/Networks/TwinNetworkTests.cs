using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Networks;

public class TwinNetworkTests
{
    private static TwinNetwork SmallNetwork(bool batchNorm = false)
    {
        TorchEngine.Seed(7);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 3, HiddenDimensions = [5], EmbeddingDimension = 4, BatchNorm = batchNorm, NormalizeOutput = false };
        return new TwinNetwork(spec.Build(), new L2Distance());
    }

    [Fact]
    public void Parameters_TwoBranches_AreOneSet()
    {
        // Given a twin network over an MLP encoder
        var network = SmallNetwork();

        // Then it owns exactly the encoder's parameters, once
        Assert.Equal(network.Encoder.parameters().Count(), network.parameters().Count());
        Assert.Equal(
            network.Encoder.parameters().Sum(p => p.numel()),
            network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Forward_Backward_AccumulatesGradientsOfBothBranches()
    {
        // Given a pair batch
        var network = SmallNetwork();
        using var x1 = randn(4, 1, 2, 3, generator: new Generator(1));
        using var x2 = randn(4, 1, 2, 3, generator: new Generator(2));

        // When the gradient of the summed distance is taken through the twin
        network.forward(x1, x2).sum().backward();
        var twinGrad = network.Encoder.parameters().First().grad!.clone();

        // Then it equals the sum of the gradients of each branch taken on its own with the other fixed
        network.zero_grad();
        using (var e2 = network.Encoder.forward(x2).detach())
        {
            network.Distance.Paired(network.Encoder.forward(x1), e2).sum().backward();
        }

        var leftGrad = network.Encoder.parameters().First().grad!.clone();
        network.zero_grad();
        using (var e1 = network.Encoder.forward(x1).detach())
        {
            network.Distance.Paired(e1, network.Encoder.forward(x2)).sum().backward();
        }

        var rightGrad = network.Encoder.parameters().First().grad!.clone();
        Assert.True(twinGrad.allclose(leftGrad + rightGrad, rtol: 1e-4, atol: 1e-6));
        Assert.False(leftGrad.allclose(zeros_like(leftGrad)));
        Assert.False(rightGrad.allclose(zeros_like(rightGrad)));
    }

    [Fact]
    public void EmbedPair_SameInputOnBothSides_GivesIdenticalEmbeddings()
    {
        var network = SmallNetwork(batchNorm: true);
        network.eval();
        using var x = randn(3, 1, 2, 3, generator: new Generator(3));

        var (left, right) = network.EmbedPair(x, x);

        Assert.True(left.allclose(right));
        Assert.Equal(new long[] { 3, 4 }, left.shape);
    }

    [Fact]
    public void Embed_InChunks_EqualsOnePass()
    {
        var network = SmallNetwork(batchNorm: true);
        using var x = randn(10, 1, 2, 3, generator: new Generator(4));

        using var whole = network.Embed(x, chunkSize: 100);
        using var chunked = network.Embed(x, chunkSize: 3);

        Assert.True(whole.allclose(chunked, atol: 1e-6));
        Assert.False(whole.requires_grad);
        Assert.True(network.training);
    }

    [Fact]
    public void Compare_SwappedInputs_IsSymmetric()
    {
        var network = SmallNetwork();
        using var x1 = randn(5, 1, 2, 3, generator: new Generator(5));
        using var x2 = randn(5, 1, 2, 3, generator: new Generator(6));

        using var ab = network.Compare(x1, x2);
        using var ba = network.Compare(x2, x1);

        Assert.True(ab.allclose(ba));
    }

    [Fact]
    public void EmbedPair_MismatchedBatchSizes_Throws()
    {
        var network = SmallNetwork();
        Assert.Throws<ArgumentException>(() => network.EmbedPair(zeros(2, 1, 2, 3), zeros(3, 1, 2, 3)));
    }
}
