using Siamese.Distances;
using Siamese.Losses;
using Siamese.Samplers;
using static TorchSharp.torch;
using static Siamese.Tests.TensorTestData;

namespace Siamese.Tests.Losses;

public class PrototypicalLossTests
{
    /// <summary>Three classes in mixed batch order: label 2 five times, labels 0 and 1 four times each.</summary>
    private static readonly int[] Mixed = [2, 0, 1, 0, 2, 1, 0, 2, 1, 0, 1, 2, 2];

    /// <summary>How close x is to y, larger is closer: −‖x − y‖² or the cosine.</summary>
    private static double Closeness(string distanceName, double[] x, double[] y) => distanceName switch
    {
        "squared-l2" => -x.Zip(y, (u, v) => (u - v) * (u - v)).Sum(),
        "cosine" => OracleScore("cosine", x, y),
        _ => throw new ArgumentException(distanceName),
    };

    /// <summary>
    /// The episode loss by loops: the first K items of each class (in batch order) are its support, the prototype is
    /// their mean, and each other item pays −log softmax of its own prototype's closeness / T.
    /// </summary>
    private static double Oracle(double[][] x, int[] labels, string distanceName, int shots, double temperature)
    {
        var classes = labels.Distinct().ToArray();
        var supportOf = classes.ToDictionary(c => c, c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).Take(shots).ToArray());
        var prototype = classes.ToDictionary(c => c, c => Enumerable.Range(0, x[0].Length).Select(k => supportOf[c].Average(i => x[i][k])).ToArray());
        var terms = new List<double>();
        for (int q = 0; q < labels.Length; q++)
        {
            if (supportOf[labels[q]].Contains(q))
            {
                continue;
            }

            double own = Closeness(distanceName, x[q], prototype[labels[q]]) / temperature;
            double sum = classes.Sum(c => Math.Exp(Closeness(distanceName, x[q], prototype[c]) / temperature));
            terms.Add(Math.Log(sum) - own);
        }

        return terms.Average();
    }

    [Fact]
    public void Compute_OneDimensionalEpisodeByHand_MatchesWorkedValue()
    {
        // Given 1-D embeddings: class A's support at 0 and query at 0.5, class B's support at 2 and query at 2
        // Squared distances of query 0.5: 0.25 to A, 2.25 to B -> logits −0.25, −2.25 -> log(1 + e^−2) = 0.126928
        // Query 2 of B: 4 to A, 0 to B -> logits −4, 0 -> log(1 + e^−4) = 0.018150; mean 0.072539
        using var e = ToTensor([[0], [2], [0.5], [2]]);
        var loss = new PrototypicalLoss(new SquaredL2Distance(), shots: 1);

        // When computed
        using var value = loss.Compute(e, [7, 9, 7, 9]);

        // Then it is the worked value
        Assert.Equal(0.072539, value.item<float>(), 5);
    }

    [Theory]
    [InlineData("squared-l2", 1, 1.0)]
    [InlineData("squared-l2", 3, 0.5)]
    [InlineData("cosine", 1, 0.2)]
    [InlineData("cosine", 3, 1.0)]
    public void Compute_MixedBatchOrder_MatchesLoopOracleAndGradient(string distanceName, int shots, double temperature)
    {
        // Given 13 random embeddings of three classes in mixed order
        var rows = RandomMatrix(Mixed.Length, 3, seed: 41);
        var loss = new PrototypicalLoss(Distance.FromName(distanceName), shots, temperature);
        using var e = ToTensor(rows, requiresGrad: true);

        // When computed from the labels and differentiated
        using var value = loss.Compute(e, Mixed);
        value.backward();

        // Then value and gradient match the loop oracle
        Assert.Equal(Oracle(rows, Mixed, distanceName, shots, temperature), value.item<float>(), 4);
        AssertGradientMatchesOracle(rows, x => Oracle(x, Mixed, distanceName, shots, temperature), e.grad!);
    }

    [Fact]
    public void Compute_Temperature_ScalesTheLogits()
    {
        // Given the same batch at T = 1 and T = 0.25
        var rows = RandomMatrix(Mixed.Length, 3, seed: 43);
        using var e = ToTensor(rows);

        // When computed at both temperatures
        using var warm = new PrototypicalLoss(new SquaredL2Distance(), 2, 1.0).Compute(e, Mixed);
        using var cold = new PrototypicalLoss(new SquaredL2Distance(), 2, 0.25).Compute(e, Mixed);

        // Then each matches the oracle at its own temperature, and they differ
        Assert.Equal(Oracle(rows, Mixed, "squared-l2", 2, 1.0), warm.item<float>(), 4);
        Assert.Equal(Oracle(rows, Mixed, "squared-l2", 2, 0.25), cold.item<float>(), 4);
        Assert.NotEqual(warm.item<float>(), cold.item<float>(), 2);
    }

    [Fact]
    public void Compute_MetricBatchWithLabels_EqualsComputeFromLabels()
    {
        var rows = RandomMatrix(Mixed.Length, 3, seed: 45);
        using var e = ToTensor(rows);
        var loss = new PrototypicalLoss(new CosineSimilarity(), 1, 0.5);

        using var viaBatch = loss.Compute(e, new MetricBatch(Enumerable.Range(100, Mixed.Length).ToArray(), Mixed, tuples: null));
        using var viaLabels = loss.Compute(e, Mixed);

        Assert.Equal(viaLabels.item<float>(), viaBatch.item<float>());
    }

    [Fact]
    public void Compute_OneClassOnly_Throws()
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 1));
        var loss = new PrototypicalLoss(new SquaredL2Distance(), 1);

        var ex = Assert.Throws<ArgumentException>(() => loss.Compute(e, [5, 5, 5, 5]));

        Assert.Contains("at least 2 classes", ex.Message);
    }

    [Theory]
    [InlineData(1, new[] { 3, 3, 8, 8, 42 })]
    [InlineData(2, new[] { 3, 3, 3, 8, 42, 8, 42, 8 })]
    public void Compute_ClassWithNoQuery_ThrowsNamingTheClass(int shots, int[] labels)
    {
        // Given a batch in which class 42 has only K items, all of them support
        using var e = ToTensor(RandomMatrix(labels.Length, 3, seed: 2));
        var loss = new PrototypicalLoss(new SquaredL2Distance(), shots);

        // When computed
        var ex = Assert.Throws<ArgumentException>(() => loss.Compute(e, labels));

        // Then the message names class 42 and what it needs
        Assert.Contains("class 42", ex.Message);
        Assert.Contains($"at least {shots + 1} per class", ex.Message);
    }

    [Fact]
    public void Compute_BatchWithoutLabels_Throws()
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 3));
        var loss = new PrototypicalLoss(new SquaredL2Distance(), 1);
        var batch = new MetricBatch([0, 1, 2, 3], labels: null, new PairIndices([0, 2], [1, 3], [PairRelation.Same, PairRelation.Different]));

        var ex = Assert.Throws<ArgumentException>(() => loss.Compute(e, batch));

        Assert.Contains("PairIndices", ex.Message);
    }

    [Fact]
    public void Compute_LabelCountMismatch_Throws()
    {
        using var e = ToTensor(RandomMatrix(4, 3, seed: 4));
        var loss = new PrototypicalLoss(new SquaredL2Distance(), 1);

        Assert.Throws<ArgumentException>(() => loss.Compute(e, [0, 0, 1]));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.0)]
    [InlineData(1, -0.5)]
    [InlineData(1, double.NaN)]
    [InlineData(1, double.PositiveInfinity)]
    public void Constructor_InvalidShotsOrTemperature_Throws(int shots, double temperature)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrototypicalLoss(new SquaredL2Distance(), shots, temperature));
    }

    [Fact]
    public void Properties_AreThoseGiven()
    {
        var loss = new PrototypicalLoss(new CosineSimilarity(), 3, 0.7);

        Assert.Equal(("prototypical", 3, 0.7), (loss.Name, loss.Shots, loss.Temperature));
    }
}
