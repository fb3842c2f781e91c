using Siamese.Evaluation.Projections;

namespace Siamese.Tests.Evaluation.Projections;

public class ProjectionQualityTests
{
    [Fact]
    public void KnnAccuracy_HandWorkedMap_MatchesHandCount()
    {
        // Given 5 map points: labels 0,0 near the origin, 1,1 near (10, 0), and a label-0 point at (9, 0)
        double[] x = [0, 1, 10, 11, 9];
        double[] y = [0, 0, 0, 0, 0];
        int[] labels = [0, 0, 1, 1, 0];

        // When 1-NN accuracy is measured leave-one-out
        double accuracy = ProjectionQuality.KnnAccuracy(x, y, labels);

        // Then the last point (nearest: label 1) is the only miss
        Assert.Equal(0.8, accuracy, 1e-12);
    }

    [Fact]
    public void KnnAccuracy_OriginalSpace_VotesAmongK()
    {
        // Given 1-D points 0, 1, 2 (label 0) and 2.4, 10, 11 (label 1)
        float[] rows = [0, 1, 2, 2.4f, 10, 11];
        int[] labels = [0, 0, 0, 1, 1, 1];

        // When 1-NN and 3-NN accuracy are measured
        // Then 1-NN misses 2 and 2.4 (each other's nearest); 3-NN gives 2.4 the label 0 of {2, 1, 0} and is right elsewhere
        Assert.Equal(4 / 6.0, ProjectionQuality.KnnAccuracy(rows, 1, labels, k: 1), 1e-12);
        Assert.Equal(5 / 6.0, ProjectionQuality.KnnAccuracy(rows, 1, labels, k: 3), 1e-12);
    }

    [Fact]
    public void Neighbours_EqualDistances_LowerIndexFirst()
    {
        // Given point 0 at the origin and points 1..4 all at distance 1
        double[] points = [0, 0, 1, 0, 0, 1, -1, 0, 0, -1];

        // When point 0's 3 nearest are found
        var neighbours = ProjectionQuality.Neighbours(points, 2, 3);

        // Then the ties are broken by index
        Assert.Equal([1, 2, 3], neighbours[0]);
    }

    [Fact]
    public void Trustworthiness_IdenticalMap_IsOne()
    {
        // Given 2-D points mapped to themselves
        var random = new Random(15);
        var x = Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray();
        var rows = Enumerable.Range(0, 40).SelectMany(i => new[] { (float)x[i], (float)y[i] }).ToArray();

        // When trustworthiness is measured
        // Then it is 1
        Assert.Equal(1.0, ProjectionQuality.Trustworthiness(rows, 2, x, y, k: 5), 1e-12);
    }

    [Fact]
    public void Trustworthiness_RandomMap_MatchesDefinitionOracle()
    {
        // Given 30 random 3-D points and an unrelated random map
        var random = new Random(16);
        var rows = Enumerable.Range(0, 90).Select(_ => (float)random.NextDouble()).ToArray();
        var x = Enumerable.Range(0, 30).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 30).Select(_ => random.NextDouble()).ToArray();

        // When trustworthiness at k = 4 is measured
        double t = ProjectionQuality.Trustworthiness(rows, 3, x, y, k: 4);

        // Then it equals the definition computed by sorting, and is well below 1
        Assert.Equal(Oracle(rows, 3, x, y, 4), t, 1e-12);
        Assert.True(t < 0.8);
    }

    [Fact]
    public void Quality_InvalidArguments_Throw()
    {
        // Given small inputs that do not fit together
        double[] x = [0, 1, 2, 3];
        double[] y = [0, 0, 0, 0];

        // When measured
        // Then each is refused
        Assert.Throws<ArgumentException>(() => ProjectionQuality.KnnAccuracy(x, y, [0, 1, 0]));
        Assert.Throws<ArgumentException>(() => ProjectionQuality.KnnAccuracy(x, [0, 0, 0], [0, 1, 0, 1]));
        Assert.Throws<ArgumentException>(() => ProjectionQuality.KnnAccuracy(x, y, [0, 1, 0, 1], k: 4));
        Assert.Throws<ArgumentException>(() => ProjectionQuality.KnnAccuracy([0, double.NaN, 1, 2], y, [0, 1, 0, 1]));
        Assert.Throws<ArgumentException>(() => ProjectionQuality.Trustworthiness(new float[8], 2, x, y, k: 2));
        Assert.Throws<ArgumentException>(() => ProjectionQuality.Trustworthiness(new float[6], 2, x, y, k: 1));
    }

    private static double Oracle(float[] rows, int d, double[] x, double[] y, int k)
    {
        int n = x.Length;
        double Original(int i, int j) => Enumerable.Range(0, d).Sum(c => Math.Pow(rows[(i * d) + c] - rows[(j * d) + c], 2));
        double Map(int i, int j) => Math.Pow(x[i] - x[j], 2) + Math.Pow(y[i] - y[j], 2);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var others = Enumerable.Range(0, n).Where(j => j != i).ToArray();
            var originalOrder = others.OrderBy(j => Original(i, j)).ThenBy(j => j).ToList();
            var mapNearest = others.OrderBy(j => Map(i, j)).ThenBy(j => j).Take(k);
            foreach (int j in mapNearest)
            {
                int rank = originalOrder.IndexOf(j) + 1;
                if (rank > k)
                {
                    sum += rank - k;
                }
            }
        }

        return 1 - (2.0 / (n * k * ((2.0 * n) - (3.0 * k) - 1)) * sum);
    }
}
