using Siamese.Distances;
using Siamese.Engine;
using Siamese.Losses;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Distances;

public class WeightedL1SimilarityTests
{
    /// <summary>Non-default weights of mixed sign, so that a head that ignored them (or used the initial −1/D) would fail.</summary>
    private static readonly double[] Alpha = [0.7, -1.3, 0.25, -0.4, 2.0];

    private const double Beta = -0.35;

    internal static WeightedL1Similarity Head(double[] alpha, double beta)
    {
        TorchEngine.EnsureInitialized();
        var head = new WeightedL1Similarity(alpha.Length);
        using (no_grad())
        {
            using var w = tensor(alpha.Select(v => (float)v).ToArray());
            using var b = tensor(new[] { (float)beta });
            head.Weight.copy_(w);
            head.Bias.copy_(b);
        }

        return head;
    }

    /// <summary>Σ αⱼ·|xⱼ − yⱼ| + b, in double precision.</summary>
    internal static double Oracle(double[] alpha, double beta, double[] x, double[] y)
    {
        double score = beta;
        for (int j = 0; j < alpha.Length; j++)
        {
            score += alpha[j] * Math.Abs(x[j] - y[j]);
        }

        return score;
    }

    [Fact]
    public void Paired_NonDefaultWeights_MatchesLoopOracle()
    {
        // Given a head with set weights and bias, and random rows
        var head = Head(Alpha, Beta);
        var a = RandomMatrix(6, 5, seed: 21);
        var b = RandomMatrix(6, 5, seed: 22);

        // When scored pairwise
        using var scores = head.Paired(ToTensor(a), ToTensor(b));

        // Then each score is the weighted L1 sum plus the bias
        var actual = ToArray(scores);
        Assert.Equal(new long[] { 6 }, scores.shape);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(Oracle(Alpha, Beta, a[i], b[i]), actual[i], 5);
        }
    }

    [Fact]
    public void Matrix_NonDefaultWeights_MatchesLoopOracle()
    {
        // Given 4 rows against 7 rows
        var head = Head(Alpha, Beta);
        var a = RandomMatrix(4, 5, seed: 23);
        var b = RandomMatrix(7, 5, seed: 24);

        // When scored as a matrix
        using var scores = head.Matrix(ToTensor(a), ToTensor(b));

        // Then entry (i, j) scores row i of a against row j of b
        Assert.Equal(new long[] { 4, 7 }, scores.shape);
        var actual = ToArray(scores);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                Assert.Equal(Oracle(Alpha, Beta, a[i], b[j]), actual[(i * 7) + j], 5);
            }
        }
    }

    [Fact]
    public void Matrix_GalleryLargeEnoughForSeveralChunks_MatchesLoopOracle()
    {
        // Given 7 rows against a 20,000 x 256 gallery: 2^24 / (20,000 · 256) = 3.3, so the head works in chunks of
        // 3 rows (3, 3 and a last chunk of 1), which must be stitched back in order
        var random = new Random(5);
        var alpha = Enumerable.Range(0, 256).Select(_ => (random.NextDouble() * 2 - 1) / 16).ToArray();
        var head = Head(alpha, 0.5);
        var a = RandomMatrix(7, 256, seed: 25);
        var b = RandomMatrix(20_000, 256, seed: 26);
        using var ta = ToTensor(a);
        using var tb = ToTensor(b);

        // When scored as a matrix
        using var scores = head.Matrix(ta, tb);

        // Then the shape is (7, 20,000) and every entry matches the loop (every 97th column checked for speed, plus the last)
        Assert.Equal(new long[] { 7, 20_000 }, scores.shape);
        var actual = ToArray(scores);
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 20_000; j += j == 19_982 ? 17 : 97)
            {
                Assert.Equal(Oracle(alpha, 0.5, a[i], b[j]), actual[(i * 20_000) + j], 1e-4);
            }
        }
    }

    [Fact]
    public void Gradient_BceLossOfThePairs_MatchesFiniteDifferencesForInputsWeightAndBias()
    {
        // Given pairs of rows, half genuine, and the binary cross-entropy over the head's logits
        var a = RandomMatrix(6, 5, seed: 27);
        var b = RandomMatrix(6, 5, seed: 28);
        bool[] same = [true, false, true, false, false, true];
        double Loss(double[][] left, double[] alpha, double beta)
        {
            double total = 0;
            for (int i = 0; i < left.Length; i++)
            {
                double s = Oracle(alpha, beta, left[i], b[i]);
                double p = 1 / (1 + Math.Exp(-s));
                total += same[i] ? -Math.Log(p) : -Math.Log(1 - p);
            }

            return total / left.Length;
        }

        var head = Head(Alpha, Beta);
        var loss = new BinaryCrossEntropyLoss(head);
        using var ta = ToTensor(a, requiresGrad: true);
        using var tb = ToTensor(b);
        using var isSame = tensor(same);

        // When the mean loss is differentiated
        using var value = loss.Compute(ta, tb, isSame);
        value.backward();

        // Then the value and the gradients with respect to the inputs, the weights and the bias match central differences
        Assert.Equal(Loss(a, Alpha, Beta), value.item<float>(), 5);
        AssertGradientMatchesOracle(a, x => Loss(x, Alpha, Beta), ta.grad!);
        AssertGradientMatchesOracle([Alpha], w => Loss(a, w[0], Beta), head.Weight.grad!);
        AssertGradientMatchesOracle([[Beta]], c => Loss(a, Alpha, c[0][0]), head.Bias.grad!);
    }

    [Fact]
    public void Identity_NameDirectionAndParameters_AreThoseOfTheKochHead()
    {
        // Given a fresh head over 8 components
        TorchEngine.EnsureInitialized();
        var head = new WeightedL1Similarity(8);

        // Then it is a similarity called weighted-l1 with two parameters starting at α = −1/D and b = 1
        Assert.Equal("weighted-l1", head.Name);
        Assert.True(head.LargerIsCloser);
        Assert.Equal(8, head.Dimension);
        Assert.Equal(2, head.parameters().Count());
        Assert.All(ToArray(head.Weight), w => Assert.Equal(-0.125f, w));
        Assert.Equal([1f], ToArray(head.Bias));
    }

    [Fact]
    public void Paired_UntrainedHead_ScoresNearerPairsHigher()
    {
        // Given the untrained head and a pair at L1 distance 0.4 and another at 4
        TorchEngine.EnsureInitialized();
        var head = new WeightedL1Similarity(2);
        using var a = tensor(new float[] { 0, 0, 0, 0 }, [2, 2]);
        using var b = tensor(new float[] { 0.2f, 0.2f, 2, 2 }, [2, 2]);

        // When scored
        var scores = ToArray(head.Paired(a, b));

        // Then the scores are 1 − 0.4/2 and 1 − 4/2, and the probabilities their logistic values
        Assert.Equal(0.8f, scores[0], 6);
        Assert.Equal(-1f, scores[1], 6);
        using var p = WeightedL1Similarity.Probability(tensor(scores));
        Assert.Equal(1 / (1 + Math.Exp(-0.8)), ToArray(p)[0], 6);
    }

    [Fact]
    public void Constructor_ZeroDimension_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedL1Similarity(0));
    }

    [Fact]
    public void DistanceCreate_WeightedL1_MakesAHeadOfThatDimension()
    {
        // When the factory is asked for the learned distance and for a fixed one
        var learned = Distance.Create("weighted-l1", 12);
        var fixedOne = Distance.Create("l2", 12);

        // Then the first is a head of 12 components and the second the plain distance
        var head = Assert.IsType<WeightedL1Similarity>(learned);
        Assert.Equal(12, head.Dimension);
        Assert.Equal(new long[] { 12 }, head.Weight.shape);
        Assert.IsType<L2Distance>(fixedOne);
        Assert.Contains("weighted-l1", Distance.Names);
    }

    [Fact]
    public void DistanceFromName_WeightedL1_ThrowsPointingToCreate()
    {
        var ex = Assert.Throws<ArgumentException>(() => Distance.FromName("weighted-l1"));

        Assert.Contains("Distance.Create", ex.Message);
        Assert.Contains("embedding dimension", ex.Message);
    }

    [Theory]
    [InlineData("weighted-l1", true)]
    [InlineData("l1", false)]
    [InlineData("l2", false)]
    [InlineData("squared-l2", false)]
    [InlineData("cosine", false)]
    [InlineData("dot", false)]
    [InlineData("exp-l1", false)]
    public void DistanceIsLearned_EachName_IsTrueOnlyForTheHead(string name, bool expected)
    {
        Assert.Equal(expected, Distance.IsLearned(name));
    }
}
