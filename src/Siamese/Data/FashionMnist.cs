namespace Siamese.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28x28 greyscale pictures of clothing in 10 classes,
/// 60,000 for training and 10,000 for testing, as the four gzipped IDX files of the original release.
/// On Debian they come with the package <c>dataset-fashion-mnist</c> (see also scripts/ensure-data.sh).
/// </summary>
public static class FashionMnist
{
    /// <summary>Environment variable that points to a folder holding the four files, overriding <see cref="InstalledDirectory"/>.</summary>
    public const string DirectoryVariable = "SIAMESE_FASHION_MNIST";

    /// <summary>Where the Debian package dataset-fashion-mnist installs the files.</summary>
    public const string InstalledDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Side of the square images.</summary>
    public const int ImageSize = 28;

    private const string Help =
        "install the Debian package dataset-fashion-mnist (or run scripts/ensure-data.sh), " +
        "or set " + DirectoryVariable + " to a folder holding the four gzipped IDX files";

    /// <summary>The class names, indexed by label (0 = T-shirt/top, ..., 9 = Ankle boot).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]);

    /// <summary>
    /// The folder <see cref="Load"/> reads when given none: the value of the environment variable
    /// SIAMESE_FASHION_MNIST when it is set and not empty, otherwise /usr/share/datasets/fashion-mnist.
    /// </summary>
    public static string DefaultDirectory => ChooseDirectory(Environment.GetEnvironmentVariable(DirectoryVariable));

    /// <summary>
    /// Loads one split. The standard file names are looked for in <paramref name="directory"/>, gzipped
    /// (train-images-idx3-ubyte.gz) or, failing that, decompressed (train-images-idx3-ubyte).
    /// </summary>
    /// <param name="directory">The folder with the files; null for <see cref="DefaultDirectory"/>.</param>
    /// <param name="split">Which split to load.</param>
    /// <returns>A 1-channel 28x28 set with labels 0 to 9 (see <see cref="ClassNames"/>).</returns>
    /// <exception cref="DataFormatException">
    /// The folder or a file is missing (the message says how to install the data), a file is malformed, or the
    /// content is not Fashion-MNIST-shaped (28x28 images, labels 0 to 9).
    /// </exception>
    public static LabeledImageSet Load(string? directory, FashionMnistSplit split)
    {
        directory ??= DefaultDirectory;
        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, $"Fashion-MNIST folder not found; {Help}");
        }

        string prefix = split switch
        {
            FashionMnistSplit.Train => "train",
            FashionMnistSplit.Test => "t10k",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
        };
        string imagesPath = Find(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(directory, $"{prefix}-labels-idx1-ubyte");
        LabeledImageSet set = LabeledImageSet.Load(imagesPath, labelsPath);

        if (set.Height != ImageSize || set.Width != ImageSize)
        {
            throw new DataFormatException(
                imagesPath, $"expected Fashion-MNIST's {ImageSize}x{ImageSize} images, found {set.Height}x{set.Width}");
        }

        int outOfRange = set.Labels.FirstOrDefault(label => label >= ClassNames.Count, -1);
        if (outOfRange >= 0)
        {
            throw new DataFormatException(
                labelsPath, $"expected Fashion-MNIST labels 0 to {ClassNames.Count - 1}, found {outOfRange}");
        }

        return set;
    }

    /// <summary>The default folder given the value of SIAMESE_FASHION_MNIST (null when unset).</summary>
    internal static string ChooseDirectory(string? variable) =>
        string.IsNullOrEmpty(variable) ? InstalledDirectory : variable;

    private static string Find(string directory, string name)
    {
        string gzipped = Path.Combine(directory, name + ".gz");
        if (File.Exists(gzipped))
        {
            return gzipped;
        }

        string raw = Path.Combine(directory, name);
        if (File.Exists(raw))
        {
            return raw;
        }

        throw new DataFormatException(gzipped, $"Fashion-MNIST file not found; {Help}");
    }
}
