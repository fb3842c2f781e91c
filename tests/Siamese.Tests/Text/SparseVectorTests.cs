using Siamese.Text;

namespace Siamese.Tests.Text;

public class SparseVectorTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Dot_OverlappingEntries_SumsProductsOfSharedIndices()
    {
        // Given a = (1, 0, 2, 0, 3) and b = (0, 4, 5, 0, 6), stored sparsely
        var a = new SparseVector(5, [0, 2, 4], [1, 2, 3]);
        var b = new SparseVector(5, [1, 2, 4], [4, 5, 6]);

        // When multiplied
        double dot = a.Dot(b);

        // Then only indices 2 and 4 contribute: 2·5 + 3·6 = 28; and the norms are √14 and √77
        Assert.Equal(28.0, dot, Tolerance);
        Assert.Equal(Math.Sqrt(14), a.Norm, Tolerance);
        Assert.Equal(Math.Sqrt(77), b.Norm, Tolerance);
        Assert.Equal(28 / Math.Sqrt(14 * 77), TfIdfVectorizer.Cosine(a, b), Tolerance);
        Assert.Equal(0.0, a[1]);
        Assert.Equal(3.0, a[4]);
    }

    [Fact]
    public void Constructor_UnsortedOrOutOfRangeIndices_Throws()
    {
        // Given indices that repeat, decrease or leave [0, dimension), and a non-finite value
        // When / Then
        Assert.Throws<ArgumentException>(() => new SparseVector(3, [1, 1], [1, 2]));
        Assert.Throws<ArgumentException>(() => new SparseVector(3, [2, 1], [1, 2]));
        Assert.Throws<ArgumentException>(() => new SparseVector(3, [3], [1]));
        Assert.Throws<ArgumentException>(() => new SparseVector(3, [0], [double.NaN]));
        Assert.Throws<ArgumentException>(() => new SparseVector(3, [0, 1], [1]));
    }
}
