namespace Siamese.Data;

/// <summary>
/// How pixels become network inputs: a byte p (0 to 255) becomes <c>(p / 255 − Mean) / Std</c>. A model must be
/// fed with the normalisation it was trained with, so this record is saved next to its weights; it serialises
/// to JSON as <c>{"Mean":…,"Std":…}</c> with System.Text.Json.
/// </summary>
public sealed record InputNormalization
{
    /// <summary>Creates the normalisation <c>(p / 255 − mean) / std</c>.</summary>
    /// <param name="mean">Mean of p / 255 to subtract; finite.</param>
    /// <param name="std">Standard deviation of p / 255 to divide by; finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">mean is not finite, or std is not finite or not positive.</exception>
    public InputNormalization(double mean, double std)
    {
        Mean = mean;
        Std = std;
    }

    /// <summary>Scales pixels to [0, 1] and nothing else (Mean 0, Std 1).</summary>
    public static InputNormalization Identity { get; } = new(0, 1);

    /// <summary>Mean of p / 255 that is subtracted; finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public double Mean
    {
        get;
        init
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Mean), value, "the mean must be a finite number");
            }

            field = value;
        }
    }

    /// <summary>Standard deviation of p / 255 that is divided by; finite and greater than 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or not greater than 0.</exception>
    public double Std
    {
        get;
        init
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Std), value, "the standard deviation must be a finite number greater than 0");
            }

            field = value;
        }
    }

    /// <summary>
    /// The mean and the population standard deviation of p / 255 over every pixel (all images, channels and
    /// positions) of <paramref name="set"/>. Compute it on the training set and reuse it for validation and test data.
    /// </summary>
    /// <exception cref="ArgumentException">The set is empty, or all its pixels are equal (the standard deviation would be 0).</exception>
    public static InputNormalization ComputeFrom(LabeledImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        ReadOnlySpan<byte> pixels = set.Pixels.Span;
        if (pixels.IsEmpty)
        {
            throw new ArgumentException("cannot compute a normalisation from an empty set", nameof(set));
        }

        // A histogram makes the sums exact and the pass cheap.
        var histogram = new long[256];
        foreach (byte p in pixels)
        {
            histogram[p]++;
        }

        double count = pixels.Length;
        double sum = 0;
        for (int p = 0; p < histogram.Length; p++)
        {
            sum += histogram[p] * (p / 255.0);
        }

        double mean = sum / count;
        double squares = 0;
        for (int p = 0; p < histogram.Length; p++)
        {
            double deviation = (p / 255.0) - mean;
            squares += histogram[p] * deviation * deviation;
        }

        double std = Math.Sqrt(squares / count);
        if (std <= 0)
        {
            throw new ArgumentException(
                $"all {pixels.Length} pixels equal {pixels[0]}, so their standard deviation is 0; use InputNormalization.Identity instead",
                nameof(set));
        }

        return new InputNormalization(mean, std);
    }

    /// <summary>The network input for pixel value <paramref name="pixel"/>: <c>(pixel / 255 − Mean) / Std</c>.</summary>
    public float Apply(byte pixel) => (float)(((pixel / 255.0) - Mean) / Std);

    /// <summary>The input for each of the 256 pixel values, so that converting an image is one lookup per pixel.</summary>
    internal float[] LookupTable()
    {
        var table = new float[256];
        for (int p = 0; p < table.Length; p++)
        {
            table[p] = Apply((byte)p);
        }

        return table;
    }
}
