using System.Globalization;

namespace Siamese.Cli.Commands;

/// <summary>
/// Upper bounds of the count options: far above any real run, low enough that a typo (an extra zero or two) is
/// refused with a clear line, before any data is read, instead of ending in an overflow or in libtorch failing to
/// allocate gigabytes. The network's sizes are the library's own bounds (<see cref="Siamese.Encoders.EncoderSpec"/>),
/// which a model bundle is held to as well.
/// </summary>
internal static class OptionLimits
{
    /// <summary>Pairs, triplets or examples in one training batch.</summary>
    public const int BatchSize = 1 << 16;

    /// <summary>Validation or test pairs drawn.</summary>
    public const int Pairs = 10_000_000;

    /// <summary>Width of an embedding, a hidden layer or a word vector, and channels of a block: the library's bound.</summary>
    public const int Width = Siamese.Encoders.EncoderSpec.MaxLayerWidth;

    /// <summary>Side of a convolution kernel: the library's bound.</summary>
    public const int Kernel = Siamese.Encoders.EncoderSpec.MaxKernelSize;

    /// <summary>Convolutional blocks: the library's bound.</summary>
    public const int Blocks = Siamese.Encoders.ConvEncoderSpec.MaxBlocks;

    /// <summary>Convolutions per block, hidden layers or recurrent layers: the library's bound.</summary>
    public const int Layers = Siamese.Encoders.EncoderSpec.MaxLayers;

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
