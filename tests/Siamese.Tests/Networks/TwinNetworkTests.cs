using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Networks;
using Siamese.Tests.Losses;
using Siamese.Tests.Training;
using Siamese.Training;
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

    [Fact]
    public void EmbedTriplet_OnePass_EqualsTheEncoderOverTheConcatenatedBranches()
    {
        // Given a network with batch normalisation in training mode, where a pass's statistics depend on the whole batch
        var network = SmallNetwork(batchNorm: true);
        using var anchors = randn(3, 1, 2, 3, generator: new Generator(11));
        using var positives = randn(3, 1, 2, 3, generator: new Generator(12));
        using var negatives = randn(3, 1, 2, 3, generator: new Generator(13));

        // When the three branches are embedded as a triplet
        var (a, p, n) = network.EmbedTriplet(anchors, positives, negatives);

        // Then they equal one pass of the shared encoder over the concatenation, split back into branches
        using var together = network.Encoder.forward(cat([anchors, positives, negatives], 0));
        Assert.Equal(new long[] { 3, 4 }, a.shape);
        Assert.True(a.allclose(together.narrow(0, 0, 3), atol: 1e-6));
        Assert.True(p.allclose(together.narrow(0, 3, 3), atol: 1e-6));
        Assert.True(n.allclose(together.narrow(0, 6, 3), atol: 1e-6));
        Assert.True(a.requires_grad);

        // And not separate passes per branch (whose batch statistics differ)
        using var alone = network.Encoder.forward(anchors);
        Assert.False(a.allclose(alone, atol: 1e-4));
    }

    [Fact]
    public void EmbedTriplet_Backward_AccumulatesGradientsOfAllThreeBranchesInOneParameterSet()
    {
        // Given a triplet batch and a hinge with a margin so large that every triplet is active
        var network = SmallNetwork();
        using var x = randn(9, 1, 2, 3, generator: new Generator(14));
        var branches = new[] { x.narrow(0, 0, 3), x.narrow(0, 3, 3), x.narrow(0, 6, 3) };
        Tensor Hinge(Tensor a, Tensor p, Tensor n) =>
            (network.Distance.Paired(a, p) - network.Distance.Paired(a, n) + 10).clamp_min(0).sum();
        Tensor[] Gradients() => network.parameters().Select(w => w.grad!.clone()).ToArray();

        // When the gradient is taken through the triplet network
        var (ea, ep, en) = network.EmbedTriplet(branches[0], branches[1], branches[2]);
        Hinge(ea, ep, en).backward();
        var together = Gradients();

        // Then it equals the sum of each branch's gradient taken with the other two branches held fixed
        var perBranch = new List<Tensor[]>();
        for (int live = 0; live < 3; live++)
        {
            network.zero_grad();
            var e = branches.Select((b, k) => k == live ? network.Encoder.forward(b) : network.Encoder.forward(b).detach()).ToArray();
            Hinge(e[0], e[1], e[2]).backward();
            perBranch.Add(Gradients());
        }

        for (int w = 0; w < together.Length; w++)
        {
            Assert.True(together[w].allclose(perBranch[0][w] + perBranch[1][w] + perBranch[2][w], rtol: 1e-4, atol: 1e-6));
        }

        // And every branch contributes
        Assert.All(perBranch, g => Assert.False(g[0].allclose(zeros_like(g[0]))));
        Assert.Equal(network.Encoder.parameters().Count(), together.Length);
    }

    [Fact]
    public void EmbedTogether_FourBranches_GivesOneEmbeddingBatchPerBranch()
    {
        var network = SmallNetwork();
        var inputs = Enumerable.Range(0, 4).Select(k => randn(2, 1, 2, 3, generator: new Generator((ulong)(20 + k)))).ToArray();

        var embedded = network.EmbedTogether(inputs);

        Assert.Equal(4, embedded.Length);
        for (int k = 0; k < 4; k++)
        {
            Assert.True(embedded[k].allclose(network.Encoder.forward(inputs[k]), atol: 1e-6));
        }
    }

    [Fact]
    public void EmbedTogether_UnequalOrNoBranches_Throws()
    {
        var network = SmallNetwork();
        var ex = Assert.Throws<ArgumentException>(() => network.EmbedTriplet(zeros(2, 1, 2, 3), zeros(2, 1, 2, 3), zeros(3, 1, 2, 3)));
        Assert.Contains("2, 2, 3", ex.Message);
        Assert.Throws<ArgumentException>(() => network.EmbedTogether());
    }
    [Fact]
    public void Parameters_LearnedHead_AreTheEncodersPlusTheHeadsWeightAndBias()
    {
        // Given a twin network whose distance is the learned weighted-l1 head
        TorchEngine.Seed(7);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 3, HiddenDimensions = [5], EmbeddingDimension = 4, BatchNorm = false };
        var head = new WeightedL1Similarity(4);
        var network = new TwinNetwork(spec.Build(), head);

        // Then the head is registered: its two tensors are among the network's parameters
        Assert.Same(head, network.Head);
        var parameters = network.parameters().ToList();
        Assert.Equal(network.Encoder.parameters().Count() + 2, parameters.Count);
        Assert.Contains(parameters, p => p.Handle == head.Weight.Handle);
        Assert.Contains(parameters, p => p.Handle == head.Bias.Handle);
    }

    [Fact]
    public void Head_FixedDistance_IsNull()
    {
        Assert.Null(SmallNetwork().Head);
    }

    [Fact]
    public void Fit_BceOnLearnedHead_TrainsTheHeadsWeightAndBias()
    {
        // Given a twin network with the weighted-l1 head at its initial weights, and the bce set-up on random pairs
        TorchEngine.Seed(3);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [16], EmbeddingDimension = 4, BatchNorm = false };
        var head = new WeightedL1Similarity(4);
        var network = new TwinNetwork(spec.Build(), head);
        var inputs = new SyntheticInputs(classes: 4, perClass: 20, seed: 14);
        var setup = TestLossSpecs.Of("bce", miner: "none", batchSize: 32);
        var options = new TrainerOptions { Epochs = 1, StepsPerEpoch = 10, LearningRate = 0.01, WarmupSteps = 2, Seed = 5, KeepBest = false };
        float[] weightBefore = TensorTestData.ToArray(head.Weight);
        float biasBefore = head.Bias.item<float>();

        // When trained for ten steps
        new Trainer(network, setup.Build(head), options).Fit(inputs, setup.CreateSampler(inputs.Labels, options.Seed));

        // Then every head weight and the bias moved away from −1/D and 1
        float[] weightAfter = TensorTestData.ToArray(head.Weight);
        Assert.All(weightBefore, w => Assert.Equal(-0.25f, w));
        Assert.Equal(1f, biasBefore);
        for (int j = 0; j < 4; j++)
        {
            Assert.True(Math.Abs(weightAfter[j] - weightBefore[j]) > 1e-3, $"weight {j}: {weightBefore[j]} -> {weightAfter[j]}");
        }

        Assert.True(Math.Abs(head.Bias.item<float>() - biasBefore) > 1e-3, $"bias {biasBefore} -> {head.Bias.item<float>()}");
    }
}
