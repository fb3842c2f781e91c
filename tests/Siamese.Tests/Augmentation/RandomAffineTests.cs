using Siamese.Augmentation;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Augmentation;

[Collection(LiveTensorCollection.Name)]
public class RandomAffineTests
{
    private static readonly AffineAugmentationOptions Identity = new() { MaxRotationDegrees = 0, MaxShear = 0, MinScale = 1, MaxScale = 1, MaxTranslationPixels = 0 };

    private static readonly AffineAugmentationOptions TranslationOnly = Identity with { MaxTranslationPixels = 2 };

    private static Tensor RandomImages(long n, long channels, long height, long width, int seed)
    {
        TorchEngine.EnsureInitialized();
        return rand(n, channels, height, width, generator: new Generator((ulong)seed));
    }

    /// <summary>Intensity-weighted mean (row, column) of one image plane.</summary>
    private static (double Row, double Column) Centroid(float[] plane, int height, int width)
    {
        double mass = 0, row = 0, column = 0;
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                double v = plane[(r * width) + c];
                mass += v;
                row += v * r;
                column += v * c;
            }
        }

        return (row / mass, column / mass);
    }

    [Fact]
    public void Apply_ZeroRanges_IsTheIdentity()
    {
        // Given random non-square images and ranges that allow no distortion
        using var images = RandomImages(3, 2, 9, 13, seed: 1);

        // When augmented
        using var output = new RandomAffine(Identity, seed: 4).Apply(images);

        // Then nothing moved
        Assert.True(output.allclose(images, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Apply_Defaults_KeepTheShapeAndDistort()
    {
        using var images = RandomImages(4, 3, 10, 14, seed: 2);

        using var output = new RandomAffine(new AffineAugmentationOptions(), seed: 5).Apply(images);

        Assert.Equal(images.shape, output.shape);
        Assert.False(output.allclose(images, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Apply_SameSeed_IsReproducibleAndAnotherSeedDiffers()
    {
        using var images = RandomImages(4, 1, 12, 12, seed: 3);

        using var a = new RandomAffine(new AffineAugmentationOptions(), seed: 7).Apply(images);
        using var b = new RandomAffine(new AffineAugmentationOptions(), seed: 7).Apply(images);
        using var c = new RandomAffine(new AffineAugmentationOptions(), seed: 8).Apply(images);

        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(a.allclose(c, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Apply_SuccessiveCalls_DrawAfresh()
    {
        using var images = RandomImages(2, 1, 12, 12, seed: 4);
        var augmentation = new RandomAffine(new AffineAugmentationOptions(), seed: 9);

        using var first = augmentation.Apply(images);
        using var second = augmentation.Apply(images);

        Assert.False(first.allclose(second, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Apply_PureTranslation_MovesADotByMinusTheDrawnShiftOnEachAxis()
    {
        // Given a bright dot at row 4, column 7 of 9 x 15 (non-square) images, translation-only ranges of ±2 px,
        // and the shifts (in pixels) the same seed draws, read from the sampling matrix: grid_sample maps each output
        // pixel to the input pixel (x + shiftX, y + shiftY), so the content moves by MINUS the drawn shift
        const int n = 16, height = 9, width = 15;
        var plane = new float[height * width];
        plane[(4 * width) + 7] = 1;
        using var images = tensor(Enumerable.Repeat(plane, n).SelectMany(p => p).ToArray(), [n, 1, height, width]);
        var twin = new RandomAffine(TranslationOnly, seed: 11);
        var shifts = Enumerable.Range(0, n).Select(_ => twin.Draw(height, width)).Select(t => (X: t[2] * width / 2.0, Y: t[5] * height / 2.0)).ToArray();

        // When augmented
        using var output = new RandomAffine(TranslationOnly, seed: 11).Apply(images);
        var values = TensorTestData.ToArray(output);

        // Then each dot's centroid moved by −shift along each axis, never by more than 2 px, with its brightness kept
        for (int i = 0; i < n; i++)
        {
            var moved = values.AsSpan(i * height * width, height * width).ToArray();
            var (row, column) = Centroid(moved, height, width);
            Assert.Equal(7 - shifts[i].X, column, 3);
            Assert.Equal(4 - shifts[i].Y, row, 3);
            Assert.Equal(1.0, moved.Sum(), 4);
            Assert.InRange(Math.Abs(shifts[i].X), 0, 2);
            Assert.InRange(Math.Abs(shifts[i].Y), 0, 2);
        }

        // And the draws use the range on both axes (a height/width mix-up would scale one of them by 9/15 or 15/9)
        Assert.True(shifts.Max(s => Math.Abs(s.X)) > 1.5);
        Assert.True(shifts.Max(s => Math.Abs(s.Y)) > 1.5);
    }

    [Fact]
    public void Apply_ConstantImage_StaysConstantThanksToBorderPadding()
    {
        // Given constant images, dark and light, and the paper's full ranges
        using var images = cat([full(3, 1, 10, 14, 0.7f), full(3, 1, 10, 14, -0.4f)], 0);

        // When augmented
        using var output = new RandomAffine(new AffineAugmentationOptions { MaxTranslationPixels = 4 }, seed: 12).Apply(images);

        // Then every pixel keeps its image's value: pixels from outside repeat the edge
        Assert.True(output.narrow(0, 0, 3).allclose(full(3, 1, 10, 14, 0.7f), rtol: 0, atol: 1e-5));
        Assert.True(output.narrow(0, 3, 3).allclose(full(3, 1, 10, 14, -0.4f), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Apply_NotFourDimensional_Throws()
    {
        using var flat = zeros(2, 28, 28);
        var ex = Assert.Throws<ArgumentException>(() => new RandomAffine(new AffineAugmentationOptions(), 1).Apply(flat));
        Assert.Contains("3 dimensions", ex.Message);
    }

    public static TheoryData<AffineAugmentationOptions> InvalidOptions() => new(
        new AffineAugmentationOptions { MaxRotationDegrees = -1 },
        new AffineAugmentationOptions { MaxRotationDegrees = 181 },
        new AffineAugmentationOptions { MaxRotationDegrees = double.NaN },
        new AffineAugmentationOptions { MaxShear = -0.1 },
        new AffineAugmentationOptions { MaxShear = 1 },
        new AffineAugmentationOptions { MaxTranslationPixels = -1 },
        new AffineAugmentationOptions { MaxTranslationPixels = double.PositiveInfinity },
        new AffineAugmentationOptions { MinScale = 0 },
        new AffineAugmentationOptions { MinScale = 1.3, MaxScale = 1.2 },
        new AffineAugmentationOptions { MaxScale = double.PositiveInfinity });

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidRange_Throws(AffineAugmentationOptions options)
    {
        Assert.Throws<ArgumentException>(options.Validate);
        Assert.Throws<ArgumentException>(() => new RandomAffine(options, seed: 1));
    }

    [Fact]
    public void Validate_PaperDefaultsAndZeroRanges_Pass()
    {
        new AffineAugmentationOptions().Validate();
        Identity.Validate();
        Assert.Equal((10.0, 0.3, 0.8, 1.2, 2.0), (new AffineAugmentationOptions().MaxRotationDegrees, new AffineAugmentationOptions().MaxShear, new AffineAugmentationOptions().MinScale, new AffineAugmentationOptions().MaxScale, new AffineAugmentationOptions().MaxTranslationPixels));
    }

    [Fact]
    public void AugmentedInputSource_Gather_DistortsTheInnerBatchLikeTheAugmentation()
    {
        // Given a source of random images wrapped with an augmentation, and a twin augmentation with the same seed
        var inner = new FixedImages(RandomImages(6, 1, 8, 10, seed: 13));
        var source = new AugmentedInputSource(inner, new RandomAffine(new AffineAugmentationOptions(), seed: 14));
        var twin = new RandomAffine(new AffineAugmentationOptions(), seed: 14);

        // When a batch is gathered
        using var batch = source.Gather([4, 1, 1]);

        // Then it is the inner batch distorted as the twin distorts it, and the count is the inner source's
        using var plain = inner.Gather([4, 1, 1]);
        using var expected = twin.Apply(plain);
        Assert.Equal(6, source.Count);
        Assert.True(batch.allclose(expected, rtol: 0, atol: 1e-6));
        Assert.False(batch.allclose(plain, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void AugmentedInputSource_ManyGathers_KeepLiveTensorCountFlat()
    {
        // Given a wrapped source, on a fresh thread so that only its own tensors count
        long before = 0, after = 0;
        var thread = new Thread(() =>
        {
            var source = new AugmentedInputSource(new FixedImages(RandomImages(5, 1, 12, 12, seed: 15)), new RandomAffine(new AffineAugmentationOptions(), seed: 16));
            before = TorchEngine.LiveTensorCount;

            // When 50 batches are gathered and disposed
            for (int i = 0; i < 50; i++)
            {
                using var batch = source.Gather([0, 2, 4]);
            }

            after = TorchEngine.LiveTensorCount;
        });
        thread.Start();
        thread.Join();

        // Then no tensor is left behind
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }

    /// <summary>A source over a fixed image tensor.</summary>
    private sealed class FixedImages(Tensor images) : IInputSource
    {
        public int Count => (int)images.shape[0];

        public Tensor Gather(ReadOnlySpan<int> indices) => images.index_select(0, tensor(indices.ToArray().Select(i => (long)i).ToArray()));
    }
}
