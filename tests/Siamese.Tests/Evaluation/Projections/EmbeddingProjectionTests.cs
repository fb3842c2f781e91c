using Siamese.Engine;
using Siamese.Evaluation.Projections;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Evaluation.Projections;

[Collection(LiveTensorCollection.Name)]
public class EmbeddingProjectionTests
{
    [Fact]
    public void Pca_AnisotropicData_MatchesJacobiOracle()
    {
        // Given 60 points in 5-D with well-separated variances along mixed axes
        const int d = 5;
        var rows = ProjectionTestData.Anisotropic(60, [5, 3, 2, 1, 0.5], seed: 1);

        // When projected on 3 components
        var pca = EmbeddingProjection.Pca(rows, d, components: 3);

        // Then variances, ratios, axes (up to the sign convention) and coordinates match the covariance's Jacobi decomposition
        var covariance = ProjectionTestData.Covariance(rows, d, out var mean);
        var (values, vectors) = ProjectionTestData.Jacobi(covariance);
        double trace = values.Sum();
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(values[k], pca.ExplainedVariance[k], 1e-9 * values[0]);
            Assert.Equal(values[k] / trace, pca.ExplainedVarianceRatio[k], 1e-9);
            int largest = Enumerable.Range(0, d).MaxBy(c => Math.Abs(vectors[k, c]));
            double sign = Math.Sign(vectors[k, largest]);
            for (int c = 0; c < d; c++)
            {
                Assert.Equal(sign * vectors[k, c], pca.Components[k, c], 1e-7);
            }

            for (int i = 0; i < 60; i++)
            {
                double expected = Enumerable.Range(0, d).Sum(c => (rows[(i * d) + c] - mean[c]) * sign * vectors[k, c]);
                Assert.Equal(expected, pca.Coordinates[i, k], 1e-6);
            }
        }

        Assert.Equal(mean, pca.Mean, new DoubleTolerance(1e-9));
        Assert.True(pca.ExplainedVarianceRatio.Sum() <= 1);
    }

    [Fact]
    public void Pca_AllComponents_RatiosSumToOne()
    {
        // Given random 4-D points
        var rows = ProjectionTestData.Anisotropic(30, [1, 1, 1, 1], seed: 2);

        // When all 4 components are kept
        var pca = EmbeddingProjection.Pca(rows, 4, components: 4);

        // Then the ratios are decreasing and sum to 1
        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 1e-9);
        for (int k = 1; k < 4; k++)
        {
            Assert.True(pca.ExplainedVarianceRatio[k] <= pca.ExplainedVarianceRatio[k - 1]);
        }
    }

    [Fact]
    public void Pca_PointsOnALine_RecoversTheDirection()
    {
        // Given points t·(−1, 2, 2)/3 + (1, 1, 1) for t = 0..9
        double[] direction = [-1 / 3.0, 2 / 3.0, 2 / 3.0];
        var rows = new float[30];
        for (int t = 0; t < 10; t++)
        {
            for (int c = 0; c < 3; c++)
            {
                rows[(t * 3) + c] = (float)((t * direction[c]) + 1);
            }
        }

        // When projected on 2 components
        var pca = EmbeddingProjection.Pca(rows, 3);

        // Then the first axis is the direction with its largest loading (the first 2/3) positive, it explains all
        // the variance, and the coordinates are t − 4.5
        Assert.Equal(direction, Enumerable.Range(0, 3).Select(c => pca.Components[0, c]), new DoubleTolerance(1e-6));
        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0], 1e-9);
        Assert.Equal(0.0, pca.ExplainedVarianceRatio[1], 1e-9);
        Assert.Equal(Enumerable.Range(0, 10).Select(t => t - 4.5), pca.X, new DoubleTolerance(1e-5));
    }

    [Fact]
    public void Pca_NegatedData_KeepsAxesAndNegatesCoordinates()
    {
        // Given random points and the same points negated
        var rows = ProjectionTestData.Anisotropic(25, [4, 2, 1], seed: 3);
        var negated = rows.Select(v => -v).ToArray();

        // When both are projected
        var pca = EmbeddingProjection.Pca(rows, 3);
        var flipped = EmbeddingProjection.Pca(negated, 3);

        // Then the sign convention gives the same axes, so the coordinates are negated
        for (int k = 0; k < 2; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(pca.Components[k, c], flipped.Components[k, c], 1e-9);
            }

            Assert.Equal(pca.Column(k).Select(v => -v), flipped.Column(k), new DoubleTolerance(1e-5));
        }
    }

    [Fact]
    public void Pca_Tensor_MatchesArrayAndLeavesNoLiveTensors()
    {
        // Given random points as an array and as a tensor made before counting
        var rows = ProjectionTestData.Anisotropic(20, [3, 2, 1, 0.5], seed: 4);
        TorchEngine.EnsureInitialized();
        using var embeddings = torch.tensor(rows, [20, 4]);
        long before = TorchEngine.LiveTensorCount;

        // When both are projected, and t-SNE runs on the tensor
        var fromTensor = EmbeddingProjection.Pca(embeddings);
        var fromArray = EmbeddingProjection.Pca(rows, 4);
        _ = EmbeddingProjection.Tsne(embeddings, new TsneOptions { Perplexity = 5, Iterations = 20 });

        // Then the results agree and every tensor made on the way is gone
        Assert.Equal(fromArray.X, fromTensor.X, new DoubleTolerance(1e-9));
        Assert.Equal(fromArray.Y, fromTensor.Y, new DoubleTolerance(1e-9));
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }

    [Fact]
    public void Pca_InvalidArguments_Throw()
    {
        // Given arrays that cannot be projected
        // When projected
        // Then each is refused with an ArgumentException
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Pca(new float[7], 2));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Pca(new float[3], 3));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Pca([1, 2, float.NaN, 4], 2));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Pca(new float[12], 3, components: 4));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Pca(new float[12], 3, components: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingProjection.Pca(new float[12], 0));
        using var flat = torch.zeros(6);
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Pca(flat));
    }

    [Fact]
    public void Tsne_SeparatedClusters_KeepsClassesApartIn2D()
    {
        // Given 5 well-separated Gaussian clusters of 40 points in 20-D, where 1-NN in the original space is perfect
        var (rows, labels) = ProjectionTestData.Clusters(clusters: 5, perCluster: 40, dimension: 20, spread: 6, seed: 5);
        Assert.Equal(1.0, ProjectionQuality.KnnAccuracy(rows, 20, labels));

        // When mapped with the default settings
        var map = EmbeddingProjection.Tsne(rows, 20);

        // Then 1-NN label accuracy in the map is (nearly) perfect, the map is trustworthy, and the PCA start was used
        Assert.True(ProjectionQuality.KnnAccuracy(map.X, map.Y, labels) >= 0.99);
        Assert.True(ProjectionQuality.Trustworthiness(rows, 20, map.X, map.Y, k: 5) > 0.9);
        Assert.Equal(TsneInitialization.Pca, map.Initialization);
        Assert.Equal(50, map.LearningRate);
        Assert.Equal(200, map.PointCount);
    }

    [Fact]
    public void Tsne_SameSeed_SameMapAndOtherSeedDiffers()
    {
        // Given clusters and a random start
        var (rows, _) = ProjectionTestData.Clusters(clusters: 3, perCluster: 20, dimension: 8, spread: 4, seed: 6);
        var options = new TsneOptions { Perplexity = 10, Iterations = 300, Initialization = TsneInitialization.Random, Seed = 7 };

        // When mapped twice with seed 7 and once with seed 8, and twice from the PCA start
        var first = EmbeddingProjection.Tsne(rows, 8, options);
        var second = EmbeddingProjection.Tsne(rows, 8, options);
        var other = EmbeddingProjection.Tsne(rows, 8, options with { Seed = 8 });
        var pcaFirst = EmbeddingProjection.Tsne(rows, 8, options with { Initialization = TsneInitialization.Pca, Seed = 1 });
        var pcaSecond = EmbeddingProjection.Tsne(rows, 8, options with { Initialization = TsneInitialization.Pca, Seed = 2 });

        // Then equal seeds give identical maps, another seed another map, and the PCA start ignores the seed
        Assert.Equal(first.X, second.X);
        Assert.Equal(first.Y, second.Y);
        Assert.NotEqual(first.X, other.X);
        Assert.Equal(pcaFirst.X, pcaSecond.X);
        Assert.Equal(pcaFirst.Y, pcaSecond.Y);
    }

    [Fact]
    public void Tsne_Optimisation_LowersTheKlDivergenceOfTheStart()
    {
        // Given clusters and their affinities
        var (rows, _) = ProjectionTestData.Clusters(clusters: 4, perCluster: 15, dimension: 6, spread: 3, seed: 9);
        var data = rows.Select(v => (double)v).ToArray();
        var p = TsneEngine.JointProbabilities(data, 60, 6, perplexity: 10);
        var startX = new double[60];
        var startY = new double[60];
        TsneEngine.RandomStart(3, startX, startY);
        double startKl = TsneEngine.KlDivergence(p, 60, startX, startY);

        // When mapped from that start
        var map = EmbeddingProjection.Tsne(rows, 6, new TsneOptions { Perplexity = 10, Initialization = TsneInitialization.Random, Seed = 3 });

        // Then the reported KL is that of the final map, and far below the start's
        Assert.Equal(TsneEngine.KlDivergence(p, 60, map.X, map.Y), map.KlDivergence, 1e-9);
        Assert.True(map.KlDivergence < 0.5 * startKl, $"KL {map.KlDivergence} vs start {startKl}");
    }

    [Fact]
    public void Tsne_DegenerateData_FallsBackToRandomStart()
    {
        // Given 10 identical 3-D points (no variance for a PCA start) and 10 1-D points
        var same = Enumerable.Repeat(new float[] { 1, 2, 3 }, 10).SelectMany(r => r).ToArray();
        var line = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();

        // When mapped
        var sameMap = EmbeddingProjection.Tsne(same, 3, new TsneOptions { Perplexity = 3, Iterations = 50 });
        var lineMap = EmbeddingProjection.Tsne(line, 1, new TsneOptions { Perplexity = 3, Iterations = 50 });

        // Then both start at random and give finite maps
        Assert.Equal(TsneInitialization.Random, sameMap.Initialization);
        Assert.Equal(TsneInitialization.Random, lineMap.Initialization);
        Assert.All(sameMap.X.Concat(sameMap.Y).Concat(lineMap.X).Concat(lineMap.Y), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Tsne_InvalidArguments_Throw()
    {
        // Given a valid 10-point set and inputs or settings that cannot work
        var rows = ProjectionTestData.Anisotropic(10, [1, 1], seed: 10);

        // When mapped
        // Then each is refused with an ArgumentException naming the problem
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(new float[4], 2));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(new float[7], 2));
        var infinite = (float[])rows.Clone();
        infinite[5] = float.PositiveInfinity;
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(infinite, 2)).Message);
        Assert.Contains("perplexity", Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 10 })).Message);
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 0.5 }));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 3, Iterations = 0 }));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 3, LearningRate = -1 }));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 3, FinalMomentum = 1 }));
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 3, EarlyExaggeration = double.NaN }));
        using var cube = torch.zeros(2, 3, 4);
        Assert.Throws<ArgumentException>(() => EmbeddingProjection.Tsne(cube));
    }

    [Fact]
    public void Tsne_Cancelled_ThrowsOperationCanceled()
    {
        // Given a cancelled token
        var rows = ProjectionTestData.Anisotropic(10, [1, 1], seed: 11);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // When mapped
        // Then the run stops
        Assert.Throws<OperationCanceledException>(() => EmbeddingProjection.Tsne(rows, 2, new TsneOptions { Perplexity = 3 }, cancelled.Token));
    }

    [Fact]
    public void TsneOptions_LearningRateFor_IsAutomaticUnlessSet()
    {
        // Given the default options and options with a fixed rate
        var automatic = new TsneOptions();
        var fixedRate = new TsneOptions { LearningRate = 200 };

        // When asked for the rate of 1,000 and 4,800 points
        // Then automatic is max(n / 12 / 4, 50) and the fixed rate is kept
        Assert.Equal(50, automatic.LearningRateFor(1000));
        Assert.Equal(100, automatic.LearningRateFor(4800));
        Assert.Equal(200, fixedRate.LearningRateFor(1000));
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
