using static TorchSharp.torch;

namespace Siamese.Augmentation;

/// <summary>
/// Random affine distortions applied on the fly to a batch of images (N, C, H, W): per image, a rotation, shear,
/// scale and translation drawn from <see cref="AffineAugmentationOptions"/>, resampled bilinearly with libtorch's
/// affine_grid and grid_sample. Pixels that come from outside the image repeat the nearest edge pixel, so dark and
/// light backgrounds alike stay uniform. The draws come from a System.Random with the given seed, so a run is
/// reproducible; each call to <see cref="Apply"/> moves the sequence on.
/// </summary>
public sealed class RandomAffine
{
    private readonly AffineAugmentationOptions options;
    private readonly Random random;

    /// <summary>Creates the augmentation.</summary>
    public RandomAffine(AffineAugmentationOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        random = new Random(seed);
    }

    /// <summary>The ranges in use.</summary>
    public AffineAugmentationOptions Options => options;

    /// <summary>A distorted copy of <paramref name="images"/> (N, C, H, W), in the caller's dispose scope.</summary>
    /// <exception cref="ArgumentException">The tensor is not 4-dimensional.</exception>
    public Tensor Apply(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
        {
            throw new ArgumentException($"augmentation takes a batch of images (N, C, H, W), got {images.dim()} dimensions", nameof(images));
        }

        long n = images.shape[0];
        double height = images.shape[2];
        double width = images.shape[3];
        var theta = new float[n * 6];
        for (long i = 0; i < n; i++)
        {
            Draw(height, width).CopyTo(theta.AsSpan((int)(i * 6), 6));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var matrices = tensor(theta, [n, 2, 3]).to(images.dtype);
        var grid = nn.functional.affine_grid(matrices, images.shape, align_corners: false);
        return nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false)
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One image's 2×3 sampling matrix in grid_sample's normalised coordinates: the pixel-space map
    /// (rotation · shear · scale, then translation, about the centre) conjugated by the pixel-to-normalised scaling.
    /// </summary>
    internal float[] Draw(double height, double width)
    {
        double angle = Uniform(-options.MaxRotationDegrees, options.MaxRotationDegrees) * Math.PI / 180;
        double shearX = Uniform(-options.MaxShear, options.MaxShear);
        double shearY = Uniform(-options.MaxShear, options.MaxShear);
        double scale = Uniform(options.MinScale, options.MaxScale);
        double shiftX = Uniform(-options.MaxTranslationPixels, options.MaxTranslationPixels);
        double shiftY = Uniform(-options.MaxTranslationPixels, options.MaxTranslationPixels);

        // Pixel-space linear part A = R(angle) · [[1, shearX], [shearY, 1]] / scale (grid_sample maps output to input).
        double cos = Math.Cos(angle);
        double sin = Math.Sin(angle);
        double a00 = (cos - (sin * shearY)) / scale;
        double a01 = ((cos * shearX) - sin) / scale;
        double a10 = (sin + (cos * shearY)) / scale;
        double a11 = ((sin * shearX) + cos) / scale;

        // Normalised x = 2·px/W (about the centre), y = 2·py/H: A' = S A S⁻¹ with S = diag(2/W, 2/H).
        return
        [
            (float)a00, (float)(a01 * height / width), (float)(2 * shiftX / width),
            (float)(a10 * width / height), (float)a11, (float)(2 * shiftY / height),
        ];
    }

    private double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());
}
