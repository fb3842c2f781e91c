using Siamese.Cli.Output;
using SkiaSharp;

namespace Siamese.Tests.Cli;

public class EmbeddingMapPlotTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Render_LabelledPoints_ReturnsPngOf900By700(int classes)
    {
        // Given 400 random map points in the given number of classes, named by a list shorter than the labels
        var random = new Random(17);
        var x = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 10).ToArray();
        var y = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 10).ToArray();
        var labels = Enumerable.Range(0, 400).Select(i => i % classes).ToArray();
        string[] names = ["cat", "dog"];

        // When rendered
        var png = EmbeddingMapPlot.Render(x, y, labels, names, "t-SNE of test embeddings", "t-SNE");

        // Then it is a PNG that decodes to 900 × 700
        Assert.Equal(PngSignature, png.Take(8));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(EmbeddingMapPlot.Width, bitmap.Width);
        Assert.Equal(EmbeddingMapPlot.Height, bitmap.Height);
    }

    [Fact]
    public void Render_MismatchedLengths_Throws()
    {
        // Given coordinates and labels of different lengths
        // When rendered
        // Then it is refused
        Assert.Throws<ArgumentException>(() => EmbeddingMapPlot.Render([0, 1], [0, 1], [0], l => $"{l}", "map"));
        Assert.Throws<ArgumentException>(() => EmbeddingMapPlot.Render([], [], [], l => $"{l}", "map"));
    }
}
