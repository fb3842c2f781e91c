namespace Siamese.Augmentation;

/// <summary>
/// Ranges of the random affine distortions of Koch, Zemel and Salakhutdinov (2015): each image gets a rotation,
/// shear, scale and translation drawn uniformly from these ranges. The defaults are the paper's:
/// rotation ±10°, shear ±0.3, scale 0.8 to 1.2, translation ±2 pixels.
/// </summary>
public sealed record AffineAugmentationOptions
{
    /// <summary>Largest rotation either way, in degrees (default 10).</summary>
    public double MaxRotationDegrees { get; init; } = 10;

    /// <summary>Largest shear either way along each axis (default 0.3).</summary>
    public double MaxShear { get; init; } = 0.3;

    /// <summary>Smallest scale factor (default 0.8).</summary>
    public double MinScale { get; init; } = 0.8;

    /// <summary>Largest scale factor (default 1.2).</summary>
    public double MaxScale { get; init; } = 1.2;

    /// <summary>Largest shift either way along each axis, in pixels (default 2).</summary>
    public double MaxTranslationPixels { get; init; } = 2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid range.</summary>
    public void Validate()
    {
        if (!(MaxRotationDegrees is >= 0 and <= 180) || !(MaxShear is >= 0 and < 1) || !(MaxTranslationPixels >= 0) || double.IsInfinity(MaxTranslationPixels))
        {
            throw new ArgumentException($"augmentation ranges: rotation must be in [0, 180] degrees, shear in [0, 1), translation a finite number ≥ 0 (got {MaxRotationDegrees}, {MaxShear}, {MaxTranslationPixels})");
        }

        if (!(MinScale > 0) || !(MaxScale >= MinScale) || double.IsInfinity(MaxScale))
        {
            throw new ArgumentException($"augmentation scale range must satisfy 0 < min ≤ max (got {MinScale} to {MaxScale})");
        }
    }
}
