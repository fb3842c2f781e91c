using Siamese.Data;
using Siamese.Samplers;

namespace Siamese.Tests.Samplers;

public sealed class ExplicitPairsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("siamese-pairs-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Png(string name, byte value)
    {
        string path = Path.Combine(folder, name);
        ImageFileWriter.WriteGrayscalePng(path, Enumerable.Repeat(value, 16).ToArray(), 4, 4);
        return path;
    }

    [Fact]
    public void Load_RepeatedFiles_AreReadOnceAndIndexedConsistently()
    {
        // Given three pairs over three files, one file used three times
        string a = Png("a.png", 10), b = Png("b.png", 200), c = Png("c.png", 90);
        var entries = new[]
        {
            new PairListEntry(a, b, IsSame: false),
            new PairListEntry(a, a, IsSame: true),
            new PairListEntry(c, a, IsSame: true),
        };

        // When loaded at 4x4 grayscale
        var (images, pairs) = ExplicitPairs.Load(entries, 1, 4, 4);

        // Then there are three images, and the indices and relations match the entries
        Assert.Equal(3, images.Count);
        Assert.Equal([0, 0, 2], pairs.Left);
        Assert.Equal([1, 0, 0], pairs.Right);
        Assert.Equal([PairRelation.Different, PairRelation.Same, PairRelation.Same], pairs.Relations);
        Assert.Equal(200, images.GetImage(1)[0]);
    }

    [Fact]
    public void Load_MissingImage_NamesIt()
    {
        string a = Png("a.png", 10);
        var ex = Assert.Throws<DataFormatException>(() => ExplicitPairs.Load([new PairListEntry(a, Path.Combine(folder, "gone.png"), true)], 1, 4, 4));
        Assert.Contains("gone.png", ex.Message);
    }
}
