using Siamese.Distances;
using Siamese.Engine;
using Siamese.Evaluation.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Evaluation.Metrics;

[Collection(LiveTensorCollection.Name)]
public class NearestNeighborsTests
{
    private const int Dimension = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1024)]
    public void Search_L2_MatchesBruteForceOracle(int chunkSize)
    {
        // Given 7 random queries and 11 random references
        var queryRows = RandomRows(seed: 10, 7);
        var referenceRows = RandomRows(seed: 2, 11);
        using var queries = ToTensor(queryRows);
        using var references = ToTensor(referenceRows);

        // When the 4 nearest are searched under L2
        var found = NearestNeighbors.Search(queries, references, new L2Distance(), k: 4, chunkSize: chunkSize);

        // Then they are the 4 smallest distances by a plain loop, smallest first
        var expected = Oracle(queryRows, referenceRows, Euclidean, largerIsCloser: false, k: 4, excludeSelf: false);
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1024)]
    public void Search_Cosine_ReturnsLargestSimilaritiesFirst(int chunkSize)
    {
        // Given random queries and references
        var queryRows = RandomRows(seed: 3, 6);
        var referenceRows = RandomRows(seed: 4, 9);
        using var queries = ToTensor(queryRows);
        using var references = ToTensor(referenceRows);

        // When the 3 nearest are searched under cosine similarity
        var found = NearestNeighbors.Search(queries, references, new CosineSimilarity(), k: 3, chunkSize: chunkSize);

        // Then they are the 3 largest similarities by a plain loop, largest first
        var expected = Oracle(queryRows, referenceRows, Cosine, largerIsCloser: true, k: 3, excludeSelf: false);
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    [InlineData(false, 3)]
    [InlineData(true, 1024)]
    public void Search_ExcludeSelfWithDuplicateRows_ReturnsTwinNotSelf(bool cosine, int chunkSize)
    {
        // Given 10 random rows where rows 6 and 7 are identical (so each is the other's nearest, at the same score as itself),
        // with chunks of 4 or 3 so that the pair falls in a later chunk, or across two chunks
        var rows = RandomRows(seed: 5, 10);
        rows[7] = (float[])rows[6].Clone();
        using var embeddings = ToTensor(rows);
        IDistance distance = cosine ? new CosineSimilarity() : new L2Distance();

        // When every row searches the set for its 3 nearest others
        var found = NearestNeighbors.Search(embeddings, embeddings, distance, k: 3, excludeSelf: true, chunkSize: chunkSize);

        // Then no row finds itself, the twins find each other first, and the rest agrees with the loop oracle
        // (where a list holds both twins their order is a tie, so twin 7 is compared as 6)
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.DoesNotContain(i, found[i]);
        }

        Assert.Equal(7, found[6][0]);
        Assert.Equal(6, found[7][0]);
        var expected = Oracle(rows, rows, cosine ? Cosine : Euclidean, cosine, k: 3, excludeSelf: true);
        static int[] Canonical(int[] row) => row.Select(j => j == 7 ? 6 : j).ToArray();
        Assert.Equal(expected.Select(Canonical), found.Select(Canonical));
    }

    [Fact]
    public void Search_ManyChunks_LeavesNoLiveTensors()
    {
        // Given tensors made before the search, and a live-tensor count that sees new tensors
        using var queries = ToTensor(RandomRows(seed: 6, 20));
        using var references = ToTensor(RandomRows(seed: 7, 15));
        long before = TorchEngine.LiveTensorCount;
        using (var probe = torch.zeros(1))
        {
            Assert.Equal(before + 1, TorchEngine.LiveTensorCount);
        }

        // When searched in 7 chunks, with self-exclusion and without
        _ = NearestNeighbors.Search(queries, references, new L2Distance(), k: 5, chunkSize: 3);
        _ = NearestNeighbors.Search(queries, queries, new CosineSimilarity(), k: 5, excludeSelf: true, chunkSize: 3);

        // Then every tensor made during the search is gone
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }

    [Fact]
    public void Search_InvalidArguments_Throw()
    {
        // Given small query and reference sets
        using var queries = ToTensor(RandomRows(seed: 8, 3));
        using var references = ToTensor(RandomRows(seed: 9, 5));
        using var narrow = torch.zeros(5, Dimension - 1);
        using var flat = torch.zeros(5);
        var l2 = new L2Distance();

        // When searched with arguments that cannot work
        // Then each is refused
        Assert.Throws<ArgumentException>(() => NearestNeighbors.Search(queries, references, l2, k: 6));
        Assert.Throws<ArgumentException>(() => NearestNeighbors.Search(references, references, l2, k: 5, excludeSelf: true));
        Assert.Throws<ArgumentException>(() => NearestNeighbors.Search(queries, references, l2, k: 2, excludeSelf: true));
        Assert.Throws<ArgumentException>(() => NearestNeighbors.Search(queries, narrow, l2, k: 1));
        Assert.Throws<ArgumentException>(() => NearestNeighbors.Search(queries, flat, l2, k: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbors.Search(queries, references, l2, k: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbors.Search(queries, references, l2, k: 1, chunkSize: 0));
    }

    internal static float[][] RandomRows(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray())
            .ToArray();
    }

    internal static Tensor ToTensor(float[][] rows) =>
        torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    private static double Euclidean(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());

    private static double Cosine(float[] a, float[] b)
    {
        double dot = a.Zip(b, (x, y) => (double)x * y).Sum();
        double na = Math.Sqrt(a.Sum(x => (double)x * x));
        double nb = Math.Sqrt(b.Sum(x => (double)x * x));
        return dot / (na * nb);
    }

    /// <summary>Sorts every reference by a double-precision loop; checks the k-th and (k+1)-th are not near-ties.</summary>
    private static int[][] Oracle(float[][] queries, float[][] references, Func<float[], float[], double> score, bool largerIsCloser, int k, bool excludeSelf)
    {
        var result = new int[queries.Length][];
        for (int q = 0; q < queries.Length; q++)
        {
            var ranked = Enumerable.Range(0, references.Length)
                .Where(r => !excludeSelf || r != q)
                .Select(r => (Index: r, Closeness: largerIsCloser ? score(queries[q], references[r]) : -score(queries[q], references[r])))
                .OrderByDescending(x => x.Closeness)
                .ToArray();
            for (int j = 0; j + 1 < Math.Min(k + 1, ranked.Length); j++)
            {
                double gap = ranked[j].Closeness - ranked[j + 1].Closeness;
                Assert.True(gap > 1e-4 || gap == 0, $"query {q}: near-tie in the oracle ranking; pick another seed");
            }

            result[q] = ranked.Take(k).Select(x => x.Index).ToArray();
        }

        return result;
    }
}
