using Siamese.Distances;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Distances;

public class DistanceTests
{
    public static TheoryData<string> AllNames() => new(Distance.Names.Where(name => !Distance.IsLearned(name)));

    private static double Oracle(string name, double[] a, double[] b)
    {
        double l1 = 0, sq = 0, dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            l1 += Math.Abs(a[i] - b[i]);
            sq += (a[i] - b[i]) * (a[i] - b[i]);
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return name switch
        {
            "l1" => l1,
            "l2" => Math.Sqrt(sq),
            "squared-l2" => sq,
            "cosine" => dot / (Math.Sqrt(na) * Math.Sqrt(nb)),
            "dot" => dot,
            "exp-l1" => Math.Exp(-l1),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Paired_RandomRows_MatchesLoopOracle(string name)
    {
        // Given random rows
        var a = RandomMatrix(7, 5, seed: 1);
        var b = RandomMatrix(7, 5, seed: 2);
        var distance = Distance.FromName(name);

        // When scored pairwise
        using var scores = distance.Paired(ToTensor(a), ToTensor(b));

        // Then each matches the loop
        var actual = ToArray(scores);
        Assert.Equal(7, actual.Length);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(Oracle(name, a[i], b[i]), actual[i], 4);
        }
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Matrix_RandomRows_MatchesLoopOracle(string name)
    {
        // Given 4 rows against 6 rows
        var a = RandomMatrix(4, 3, seed: 3);
        var b = RandomMatrix(6, 3, seed: 4);
        var distance = Distance.FromName(name);

        // When scored as a matrix
        using var matrix = distance.Matrix(ToTensor(a), ToTensor(b));

        // Then the shape is (4, 6) and every cell matches the loop
        Assert.Equal(new long[] { 4, 6 }, matrix.shape);
        var actual = ToArray(matrix);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                Assert.Equal(Oracle(name, a[i], b[j]), actual[(i * 6) + j], 4);
            }
        }
    }

    [Fact]
    public void Paired_HandComputedValues_AreExact()
    {
        // Given a = (1, 2), b = (4, 6): differences 3 and 4
        using var a = tensor(new float[] { 1, 2 }, [1, 2]);
        using var b = tensor(new float[] { 4, 6 }, [1, 2]);

        // Then L1 = 7, L2 = 5, squared L2 = 25, dot = 16, exp-L1 = e^-7
        Assert.Equal(7f, new L1Distance().Paired(a, b).item<float>(), 5);
        Assert.Equal(5f, new L2Distance().Paired(a, b).item<float>(), 5);
        Assert.Equal(25f, new SquaredL2Distance().Paired(a, b).item<float>(), 4);
        Assert.Equal(16f, new DotProductSimilarity().Paired(a, b).item<float>(), 5);
        Assert.Equal(Math.Exp(-7), new ExpNegativeL1Similarity().Paired(a, b).item<float>(), 6);
        Assert.Equal(16 / (Math.Sqrt(5) * Math.Sqrt(52)), new CosineSimilarity().Paired(a, b).item<float>(), 5);
    }

    [Theory]
    [InlineData("l1", false)]
    [InlineData("l2", false)]
    [InlineData("squared-l2", false)]
    [InlineData("cosine", true)]
    [InlineData("dot", true)]
    [InlineData("exp-l1", true)]
    public void LargerIsCloser_EachDistance_StatesItsDirection(string name, bool expected)
    {
        Assert.Equal(expected, Distance.FromName(name).LargerIsCloser);
        Assert.Equal(name, Distance.FromName(name).Name);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Paired_Gradient_MatchesFiniteDifferences(string name)
    {
        // Given random rows that need gradients
        var a = RandomMatrix(3, 4, seed: 5);
        var b = RandomMatrix(3, 4, seed: 6);
        var distance = Distance.FromName(name);
        using var ta = ToTensor(a, requiresGrad: true);

        // When the summed scores are differentiated
        distance.Paired(ta, ToTensor(b)).sum().backward();
        var grad = ToArray(ta.grad!);

        // Then each partial derivative matches a central difference of the oracle
        const double h = 1e-4;
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                var plus = a[i].ToArray();
                var minus = a[i].ToArray();
                plus[k] += h;
                minus[k] -= h;
                double numeric = (Oracle(name, plus, b[i]) - Oracle(name, minus, b[i])) / (2 * h);
                Assert.Equal(numeric, grad[(i * 4) + k], 2);
            }
        }
    }

    [Fact]
    public void L2Paired_IdenticalInputs_HasFiniteGradient()
    {
        // Given identical rows (where the square root's derivative is infinite)
        using var a = tensor(new float[] { 1, 2, 3 }, [1, 3], requires_grad: true);
        using var b = tensor(new float[] { 1, 2, 3 }, [1, 3]);

        // When differentiated
        new L2Distance().Paired(a, b).sum().backward();

        // Then the gradient is finite
        Assert.All(ToArray(a.grad!), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void FromName_Unknown_ThrowsNamingTheChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => Distance.FromName("manhattan"));
        Assert.Contains("l1, l2", ex.Message);
    }
}
