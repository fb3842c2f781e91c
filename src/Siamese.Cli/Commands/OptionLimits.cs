using System.Globalization;

namespace Siamese.Cli.Commands;

/// <summary>
/// Upper bounds of the count options: far above any real run, low enough that a typo (an extra zero or two) is
/// refused with a clear line instead of ending in an overflow or in libtorch failing to allocate gigabytes.
/// </summary>
internal static class OptionLimits
{
    /// <summary>Pairs, triplets or examples in one training batch.</summary>
    public const int BatchSize = 1 << 16;

    /// <summary>Validation or test pairs drawn.</summary>
    public const int Pairs = 10_000_000;

    /// <summary>Width of an embedding, a hidden layer or a word vector.</summary>
    public const int Width = 1 << 16;

    /// <summary>Channels of one convolutional block.</summary>
    public const int Channels = 4096;

    /// <summary>Side of a convolution kernel.</summary>
    public const int Kernel = 31;

    /// <summary>Convolutional blocks, convolutions per block, or recurrent layers.</summary>
    public const int Depth = 16;

    /// <summary>Episodes, queries or shots of one-shot evaluation.</summary>
    public const int Episodes = 1_000_000;

    /// <summary>libtorch threads.</summary>
    public const int Threads = 1024;

    /// <summary>
    /// The first of <paramref name="checks"/> whose value is above its limit, as "--name: at most L (got V)"; null when
    /// all are within.
    /// </summary>
    public static string? FirstExceeded(params (string Option, long Value, long Limit)[] checks)
    {
        foreach (var (option, value, limit) in checks)
        {
            if (value > limit)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{option} must be at most {limit} (got {value})");
            }
        }

        return null;
    }
}
