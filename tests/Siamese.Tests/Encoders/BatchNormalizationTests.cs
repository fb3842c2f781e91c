using Siamese.Encoders;
using Siamese.Engine;
using static TorchSharp.torch;

namespace Siamese.Tests.Encoders;

public class BatchNormalizationTests
{
    [Fact]
    public void Forward_ImagesInTrainingThenEval_MatchesTorchSharpBatchNorm2d()
    {
        // Given our batch norm and TorchSharp's, both fresh, and a few image batches
        TorchEngine.EnsureInitialized();
        var ours = new BatchNormalization(3);
        var theirs = nn.BatchNorm2d(3);
        var batches = Enumerable.Range(0, 4).Select(i => randn(5, 3, 4, 4, generator: new Generator((ulong)i)) * (i + 1) + i).ToArray();

        // When both see the batches in training mode, then one in evaluation mode
        foreach (var batch in batches)
        {
            Assert.True(ours.forward(batch).allclose(theirs.forward(batch), atol: 1e-5));
        }

        ours.eval();
        theirs.eval();
        using var probe = randn(2, 3, 4, 4, generator: new Generator(9));

        // Then training outputs, running statistics and evaluation outputs agree
        Assert.True(ours.forward(probe).allclose(theirs.forward(probe), atol: 1e-5));
        var state = ours.state_dict();
        Assert.True(state["running_mean"].allclose(theirs.running_mean!, atol: 1e-6));
        Assert.True(state["running_var"].allclose(theirs.running_var!, atol: 1e-5));
        Assert.Equal(["bias", "running_mean", "running_var", "weight"], state.Keys.Order());
    }

    [Fact]
    public void Forward_Vectors_NormalisesEachFeatureOverTheBatch()
    {
        TorchEngine.EnsureInitialized();
        var ours = new BatchNormalization(2);
        using var x = tensor(new float[] { 1, 10, 3, 20, 5, 30 }, [3, 2]);

        using var y = ours.forward(x);

        // Each column becomes zero-mean, unit (biased) variance
        Assert.True(y.mean([0]).allclose(zeros(2), atol: 1e-5));
        Assert.True(y.var(0, unbiased: false).allclose(ones(2), atol: 1e-3));
        Assert.Equal(2, ours.parameters().Count());
    }
}
