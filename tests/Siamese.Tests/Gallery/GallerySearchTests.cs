using Siamese.Distances;
using Siamese.Engine;
using Siamese.Gallery;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Gallery;

[Collection(LiveTensorCollection.Name)]
public sealed class GallerySearchTests
{
    private const int Dimension = 4;

    [Theory]
    [InlineData(false, 1, 3)]
    [InlineData(false, 3, 5)]
    [InlineData(false, 1024, 20)]
    [InlineData(true, 2, 3)]
    [InlineData(true, 1024, 1)]
    public void Search_RandomGallery_MatchesBruteForceOracle(bool cosine, int chunkSize, int k)
    {
        // Given 40 random entries under 9 labels with uneven counts, and 11 random queries
        var entries = RandomGallery(seed: 21, count: 40, labelCount: 9);
        var queryRows = GalleryStoreTests.Rows(seed: 22, 11);
        using var queries = ToTensor(queryRows);
        IDistance distance = cosine ? new CosineSimilarity() : new L2Distance();

        // When the k closest labels of each query are searched
        var found = new GallerySearch(entries, distance, chunkSize).Search(queries, k);

        // Then they are the labels ranked by their closest entry in a plain loop, with its score
        var expected = Oracle(entries, queryRows, cosine ? Cosine : Euclidean, cosine, k);
        Assert.Equal(queryRows.Length, found.Length);
        for (int q = 0; q < queryRows.Length; q++)
        {
            Assert.Equal(expected[q].Select(c => c.Label), found[q].Select(c => c.Label));
            for (int j = 0; j < expected[q].Count; j++)
            {
                Assert.Equal(expected[q][j].Score, found[q][j].Score, 4);
            }
        }
    }

    [Fact]
    public void Search_OneLabelCrowdsTheNearestEntries_StillReturnsKDistinctLabels()
    {
        // Given a query at the origin, 6 entries of "crowd" right next to it, and 3 other labels further out
        var labels = new List<string>();
        var rows = new List<float[]>();
        for (int i = 0; i < 6; i++)
        {
            labels.Add("crowd");
            rows.Add([0.01f * (i + 1), 0, 0, 0]);
        }

        labels.AddRange(["near", "middle", "far"]);
        rows.AddRange([[1, 0, 0, 0], [2, 0, 0, 0], [3, 0, 0, 0]]);
        var entries = Entries(labels, rows);
        using var query = torch.zeros(1, Dimension);

        // When its 3 closest labels are searched
        var found = new GallerySearch(entries, new L2Distance()).Search(query, 3)[0];

        // Then the crowd counts once, with its closest entry, followed by the next two labels
        Assert.Equal(["crowd", "near", "middle"], found.Select(c => c.Label));
        Assert.Equal([0.01, 1.0, 2.0], found.Select(c => c.Score), new ToleranceComparer(1e-6));
    }

    [Fact]
    public void Search_KBeyondTheLabels_ReturnsEveryLabelOnce()
    {
        // Given 3 labels
        var entries = RandomGallery(seed: 23, count: 7, labelCount: 3);
        using var queries = ToTensor(GalleryStoreTests.Rows(seed: 24, 2));

        // When 10 labels are asked for
        var found = new GallerySearch(entries, new L2Distance()).Search(queries, 10);

        // Then each query gets the 3 labels, each once
        Assert.All(found, candidates => Assert.Equal(3, candidates.Select(c => c.Label).Distinct().Count()));
        Assert.All(found, candidates => Assert.Equal(3, candidates.Count));
    }

    [Fact]
    public void Identify_QueryFarFromEverything_IsUnknownAndAnEnrolledOneIsFound()
    {
        // Given entries of two labels near the origin and a threshold of 0.5 on L2
        var entries = Entries(["ann", "ann", "ben"], [[0.1f, 0, 0, 0], [0.2f, 0, 0, 0], [0, 0.3f, 0, 0]]);
        var search = new GallerySearch(entries, new L2Distance());
        using var queries = torch.tensor(new float[] { 0.12f, 0, 0, 0, 50, 50, 50, 50 }, [2, Dimension]);

        // When both queries are identified
        var results = search.Identify(queries, k: 2, threshold: 0.5);

        // Then the first is ann, the second (about 100 away) is unknown, yet both list their candidates
        Assert.Equal("ann", results[0].Label);
        Assert.True(results[0].IsKnown);
        Assert.Null(results[1].Label);
        Assert.False(results[1].IsKnown);
        Assert.Equal(["ann", "ben"], results[1].Candidates.Select(c => c.Label).Order());
        Assert.All(results[1].Candidates, c => Assert.InRange(c.Score, 99.0, 101.0));
        Assert.All(results, r => Assert.Equal(0.5, r.Threshold));
    }

    [Fact]
    public void Identify_ScoreExactlyAtTheThreshold_Passes_ForDistancesAndSimilarities()
    {
        // Given one entry, a query at L2 distance exactly 2 and cosine similarity exactly 0 from it
        var entries = Entries(["only"], [[1, 0, 0, 0]]);
        using var query = torch.tensor(new float[] { 1, 2, 0, 0 }, [1, Dimension]);
        using var orthogonal = torch.tensor(new float[] { 0, 2, 0, 0 }, [1, Dimension]);

        // When identified with the threshold equal to the score, and just beyond it
        var l2 = new GallerySearch(entries, new L2Distance());
        var cosine = new GallerySearch(entries, new CosineSimilarity());

        // Then a score at the threshold passes (<= for distances, >= for similarities) and one beyond does not
        Assert.Equal("only", l2.Identify(query, 1, threshold: 2.0)[0].Label);
        Assert.Null(l2.Identify(query, 1, threshold: 1.999)[0].Label);
        Assert.Equal("only", cosine.Identify(orthogonal, 1, threshold: 0.0)[0].Label);
        Assert.Null(cosine.Identify(orthogonal, 1, threshold: 0.001)[0].Label);
        Assert.False(l2.Passes(double.NaN, 2.0));
        Assert.False(cosine.Passes(double.NaN, 0.0));
    }

    [Fact]
    public void Verify_Claims_AcceptsTheTrueLabelWithItsClosestEntryAndRejectsAnother()
    {
        // Given ann's two entries and ben's one, and a query next to ann's second entry
        var entries = Entries(["ann", "ben", "ann"], [[0, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0]]);
        var search = new GallerySearch(entries, new L2Distance());
        using var query = torch.tensor(new float[] { 0.9f, 0, 0, 0 }, [1, Dimension]);

        // When it claims to be ann, then ben
        var ann = search.Verify(query, "ann", threshold: 0.5)[0];
        var ben = search.Verify(query, "ben", threshold: 0.5)[0];

        // Then ann is accepted at the distance to her closest entry and ben is rejected
        Assert.True(ann.Accepted);
        Assert.Equal(0.1, ann.Score, 5);
        Assert.False(ben.Accepted);
        Assert.Equal(Math.Sqrt(0.81 + 1), ben.Score, 5);
        Assert.Equal("ben", ben.Label);
    }

    [Fact]
    public void Verify_LabelNotEnrolled_Throws()
    {
        // Given a gallery without carol
        var search = new GallerySearch(Entries(["ann"], [[0, 0, 0, 0]]), new L2Distance());
        using var query = torch.zeros(1, Dimension);

        // When carol is claimed
        var error = Assert.Throws<ArgumentException>(() => search.Verify(query, "carol", 1.0));

        // Then the error names her
        Assert.Contains("'carol'", error.Message);
        Assert.False(search.Contains("carol"));
    }

    [Fact]
    public void Identify_EmptyGallery_EveryQueryIsUnknownWithoutCandidates()
    {
        // Given an empty gallery
        var search = new GallerySearch(Entries([], []), new CosineSimilarity());
        using var queries = torch.ones(3, Dimension);

        // When queries are identified
        var results = search.Identify(queries, 5, threshold: 0.5);

        // Then each is unknown with no candidates
        Assert.All(results, r => Assert.Empty(r.Candidates));
        Assert.All(results, r => Assert.False(r.IsKnown));
    }

    [Fact]
    public void SearchIdentifyVerify_ManyChunks_LeaveNoLiveTensors()
    {
        // Given queries made before, and a live-tensor count that sees new tensors
        var entries = RandomGallery(seed: 25, count: 30, labelCount: 6);
        using var queries = ToTensor(GalleryStoreTests.Rows(seed: 26, 20));
        var search = new GallerySearch(entries, new L2Distance(), chunkSize: 3);
        long before = TorchEngine.LiveTensorCount;
        using (var probe = torch.zeros(1))
        {
            Assert.Equal(before + 1, TorchEngine.LiveTensorCount);
        }

        // When searched, identified and verified in 7 chunks
        _ = search.Search(queries, 4);
        _ = search.Identify(queries, 2, threshold: 0.5);
        _ = search.Verify(queries, entries.Labels[0], threshold: 0.5);

        // Then every tensor made meanwhile is gone
        Assert.Equal(before, TorchEngine.LiveTensorCount);
    }

    [Fact]
    public void Methods_InvalidArguments_Throw()
    {
        // Given a small gallery
        var search = new GallerySearch(RandomGallery(seed: 27, count: 5, labelCount: 2), new L2Distance());
        using var queries = torch.zeros(2, Dimension);
        using var narrow = torch.zeros(2, Dimension - 1);
        using var flat = torch.zeros(Dimension);

        // When called with arguments that cannot work
        // Then each is refused
        Assert.Throws<ArgumentException>(() => search.Search(narrow, 1));
        Assert.Throws<ArgumentException>(() => search.Search(flat, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Search(queries, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Identify(queries, 1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Verify(queries, "label-0", double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GallerySearch(search.Entries, new L2Distance(), chunkSize: 0));
        Assert.Throws<ArgumentException>(() => new GalleryEntries(["a"], ["a.png"], new float[3], Dimension));
        Assert.Throws<ArgumentException>(() => new GalleryEntries(["a", "b"], ["a.png"], new float[8], Dimension));
    }

    private static GalleryEntries Entries(IReadOnlyList<string> labels, IReadOnlyList<float[]> rows) =>
        new(labels.ToArray(), labels.Select((l, i) => $"{l}-{i}").ToArray(), rows.SelectMany(r => r).ToArray(), Dimension);

    private static GalleryEntries RandomGallery(int seed, int count, int labelCount)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => i < labelCount ? $"label-{i}" : $"label-{random.Next(labelCount)}").ToArray();
        return Entries(labels, GalleryStoreTests.Rows(seed + 1000, count));
    }

    private static Tensor ToTensor(float[][] rows) => torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    private static double Euclidean(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());

    private static double Cosine(float[] a, float[] b)
    {
        double dot = a.Zip(b, (x, y) => (double)x * y).Sum();
        return dot / (Math.Sqrt(a.Sum(x => (double)x * x)) * Math.Sqrt(b.Sum(x => (double)x * x)));
    }

    /// <summary>Per query: every label's best score by a double-precision loop, ranked; checks the ranking has no near-ties.</summary>
    private static List<GalleryCandidate>[] Oracle(GalleryEntries entries, float[][] queries, Func<float[], float[], double> score, bool largerIsCloser, int k)
    {
        var result = new List<GalleryCandidate>[queries.Length];
        for (int q = 0; q < queries.Length; q++)
        {
            var best = new Dictionary<string, double>();
            for (int e = 0; e < entries.Count; e++)
            {
                double s = score(queries[q], entries.Embedding(e).ToArray());
                string label = entries.Labels[e];
                if (!best.TryGetValue(label, out double current) || (largerIsCloser ? s > current : s < current))
                {
                    best[label] = s;
                }
            }

            var ranked = best.Select(pair => new GalleryCandidate(pair.Key, pair.Value))
                .OrderByDescending(c => largerIsCloser ? c.Score : -c.Score)
                .ToList();
            for (int j = 0; j + 1 < Math.Min(k + 1, ranked.Count); j++)
            {
                Assert.True(Math.Abs(ranked[j].Score - ranked[j + 1].Score) > 1e-4, $"query {q}: near-tie in the oracle ranking; pick another seed");
            }

            result[q] = ranked.Take(k).ToList();
        }

        return result;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
