using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Siamese.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Data;

/// <summary>
/// An immutable set of same-sized images with one integer label each, kept as bytes (0 to 255) so that
/// Fashion-MNIST's 60,000 training images take 47 MB rather than 188 MB; <see cref="ToTensor(ReadOnlySpan{int}, InputNormalization)"/>
/// turns any selection into a normalised float32 batch of shape (N, C, H, W).
/// Labels are class numbers (0 and up); <see cref="Unlabeled"/> (−1) marks images without a label,
/// such as those of <see cref="FromImageFiles(IReadOnlyList{string}, int, int, int, long)"/>.
/// </summary>
public sealed class LabeledImageSet
{
    /// <summary>The label of an image whose class is unknown.</summary>
    public const int Unlabeled = -1;

    /// <summary>
    /// The default memory budget of reading image files (8 GiB): the most the images may take as float32 values
    /// (images x channels x height x width x 4 bytes), checked before any file is decoded.
    /// </summary>
    public const long DefaultMemoryBudget = 8L * 1024 * 1024 * 1024;

    private readonly byte[] pixels;
    private readonly int[] labels;

    /// <summary>Creates a set from copies of <paramref name="pixels"/> and <paramref name="labels"/>.</summary>
    /// <param name="pixels">All pixels in (image, channel, row, column) order; length labels.Length x channels x height x width.</param>
    /// <param name="labels">One label per image: a class number (0 or more) or <see cref="Unlabeled"/>.</param>
    /// <param name="channels">Channels per image (1 for greyscale, 3 for RGB).</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or a label is below <see cref="Unlabeled"/>.</exception>
    /// <exception cref="ArgumentException">The number of pixels does not match the labels and sizes.</exception>
    public LabeledImageSet(ReadOnlySpan<byte> pixels, ReadOnlySpan<int> labels, int channels, int height, int width)
        : this(pixels.ToArray(), labels.ToArray(), channels, height, width)
    {
        foreach (int label in labels)
        {
            if (label < Unlabeled)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels must be class numbers (0 or more) or {Unlabeled} for unlabelled images");
            }
        }
    }

    /// <summary>Takes ownership of the arrays without copying them.</summary>
    private LabeledImageSet(byte[] pixels, int[] labels, int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        long valuesPerImage = (long)channels * height * width;
        if (valuesPerImage > Array.MaxLength || pixels.LongLength != labels.Length * valuesPerImage)
        {
            throw new ArgumentException(
                $"expected {labels.Length} images x {channels} x {height} x {width} = {labels.Length * valuesPerImage} pixel values, found {pixels.Length}",
                nameof(pixels));
        }

        this.pixels = pixels;
        this.labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        ValuesPerImage = (int)valuesPerImage;
        Labels = Array.AsReadOnly(labels);
        Classes = Array.AsReadOnly(labels.Where(label => label != Unlabeled).Distinct().Order().ToArray());
    }

    /// <summary>Number of images.</summary>
    public int Count => labels.Length;

    /// <summary>Channels per image: 1 for greyscale (all IDX data), 3 for RGB.</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Bytes per image: Channels x Height x Width.</summary>
    public int ValuesPerImage { get; }

    /// <summary>All pixels, 0 to 255, in (image, channel, row, column) order.</summary>
    public ReadOnlyMemory<byte> Pixels => pixels;

    /// <summary>One label per image: a class number, or <see cref="Unlabeled"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The distinct class numbers present, ascending; <see cref="Unlabeled"/> is not a class.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>Number of distinct classes present (<see cref="Classes"/>.Count).</summary>
    public int ClassCount => Classes.Count;

    /// <summary>The pixels of image <paramref name="index"/> in (channel, row, column) order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">index is not in [0, Count).</exception>
    public ReadOnlySpan<byte> GetImage(int index)
    {
        CheckIndex(index, nameof(index));
        return pixels.AsSpan(index * ValuesPerImage, ValuesPerImage);
    }

    /// <summary>Loads an IDX images file and the matching IDX labels file (gzipped or raw), such as MNIST's.</summary>
    /// <exception cref="DataFormatException">A file is missing or malformed, or the files hold different numbers of items.</exception>
    public static LabeledImageSet Load(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        byte[] labelBytes = IdxReader.ReadLabels(labelsPath);
        if (labelBytes.Length != images.Count)
        {
            throw new DataFormatException(
                labelsPath,
                $"expected {images.Count} labels, one per image in {imagesPath}, found {labelBytes.Length}");
        }

        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = labelBytes[i];
        }

        return new LabeledImageSet(images.Pixels, labels, 1, images.Height, images.Width);
    }

    /// <summary>
    /// Reads image files (PNG, JPEG, BMP, GIF, WebP, or Netpbm PBM/PGM/PPM) into an unlabelled set: every label is <see cref="Unlabeled"/>.
    /// Each image is converted and resized as <see cref="ImageFileReader.Read"/> does.
    /// </summary>
    /// <param name="paths">The files, in the order the set keeps them.</param>
    /// <param name="channels">1 for greyscale, 3 for RGB.</param>
    /// <param name="height">Rows every image is resized to.</param>
    /// <param name="width">Columns every image is resized to.</param>
    /// <param name="memoryBudget">
    /// Most bytes the images may take as float32 values (paths.Count x channels x height x width x 4), the form a model
    /// reads them in; checked before any file is decoded. Default <see cref="DefaultMemoryBudget"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// channels is not 1 or 3, a size is not positive or beyond the bounds of <see cref="ImageFileReader"/>, or the budget is below 1.
    /// </exception>
    /// <exception cref="ArgumentException">The images would take more than the budget, or more values than one array holds.</exception>
    /// <exception cref="DataFormatException">A file is missing, not a regular file or not a readable image (the first such file in list order).</exception>
    public static LabeledImageSet FromImageFiles(IReadOnlyList<string> paths, int channels, int height, int width, long memoryBudget = DefaultMemoryBudget)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBudget, 1);
        ImageFileReader.CheckSizes(channels, height, width);
        if (CheckMemory(paths.Count, channels, height, width, memoryBudget) is { } tooLarge)
        {
            string files = paths.Count == 1 ? paths[0] : $"{paths[0]} and {paths.Count - 1} more image files";
            throw new ArgumentException($"{files}: {tooLarge}".ReplaceLineEndings(" "));
        }

        var labels = new int[paths.Count];
        Array.Fill(labels, Unlabeled);
        return FromImageFiles(paths, labels, channels, height, width);
    }

    /// <summary>
    /// Reads image files as <see cref="FromImageFiles(IReadOnlyList{string}, int, int, int, long)"/> does, labelled with
    /// <paramref name="labels"/> (one per path; the set takes the array). Files are decoded in parallel; when any fail,
    /// the failure of the first failing file in list order is thrown, as a sequential read would. The caller has held
    /// the size to its memory budget with <see cref="CheckMemory"/>.
    /// </summary>
    internal static LabeledImageSet FromImageFiles(IReadOnlyList<string> paths, int[] labels, int channels, int height, int width)
    {
        ImageFileReader.CheckSizes(channels, height, width);
        int size = channels * height * width;
        var pixels = new byte[checked(paths.Count * size)];
        var failures = new Exception?[paths.Count];
        Parallel.For(0, paths.Count, i =>
        {
            try
            {
                ImageFileReader.Read(paths[i], channels, height, width).Pixels.CopyTo(pixels, i * size);
            }
            catch (Exception ex)
            {
                // Kept rather than thrown, so the error reported is the first file's in list order, not whichever
                // thread failed first, and is not wrapped in an AggregateException.
                failures[i] = ex;
            }
        });
        if (Array.Find(failures, f => f is not null) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return new LabeledImageSet(pixels, labels, channels, height, width);
    }

    /// <summary>
    /// Why <paramref name="count"/> images of <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>
    /// are too many to read, or null when they fit: their float32 size (4 bytes a value) must be within
    /// <paramref name="budget"/>, and their values within what one array holds. The sizes have passed
    /// <see cref="ImageFileReader.CheckSizes"/>, so the products cannot overflow.
    /// </summary>
    internal static string? CheckMemory(int count, int channels, int height, int width, long budget)
    {
        long values = (long)count * channels * height * width;
        long bytes = values * sizeof(float);
        string images = string.Create(CultureInfo.InvariantCulture, $"{count:N0} image{(count == 1 ? "" : "s")} of {channels}x{height}x{width}");
        if (bytes > budget)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{images} would need {FormatBytes(bytes)} as float32 values ({count} x {channels} x {height} x {width} x 4 bytes), more than the memory budget of {FormatBytes(budget)}; expected fewer images or a smaller image size");
        }

        return values > Array.MaxLength
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{images} make {values:N0} pixel values, more than the {Array.MaxLength:N0} one set can hold; expected fewer images or a smaller image size")
            : null;
    }

    /// <summary>A byte count for messages: "288 bytes", "12.5 MiB", "8.6 GiB".</summary>
    private static string FormatBytes(long bytes)
    {
        const double KiB = 1024;
        return bytes < KiB
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes")
            : bytes < KiB * KiB
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes / KiB:0.#} KiB")
                : bytes < KiB * KiB * KiB
                    ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (KiB * KiB):0.#} MiB")
                    : string.Create(CultureInfo.InvariantCulture, $"{bytes / (KiB * KiB * KiB):0.#} GiB");
    }

    /// <summary>The images whose class is in <paramref name="classes"/>: this set itself when that is all of them.</summary>
    /// <param name="classes">The class numbers to keep.</param>
    /// <exception cref="ArgumentException">None of the classes has images here.</exception>
    public LabeledImageSet OfClasses(IReadOnlyCollection<int> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var keep = classes.ToHashSet();
        if (Classes.All(keep.Contains))
        {
            return this;
        }

        var indices = Enumerable.Range(0, Count).Where(i => keep.Contains(Labels[i])).ToArray();
        return indices.Length > 0
            ? Subset(indices)
            : throw new ArgumentException($"none of the chosen classes ({string.Join(", ", classes)}) has images here");
    }

    /// <summary>The images at <paramref name="indices"/>, in that order (repeats allowed), with their labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is not in [0, Count).</exception>
    public LabeledImageSet Subset(ReadOnlySpan<int> indices)
    {
        var subsetPixels = new byte[checked(indices.Length * ValuesPerImage)];
        var subsetLabels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            CheckIndex(index, nameof(indices));
            pixels.AsSpan(index * ValuesPerImage, ValuesPerImage).CopyTo(subsetPixels.AsSpan(i * ValuesPerImage));
            subsetLabels[i] = labels[index];
        }

        return new LabeledImageSet(subsetPixels, subsetLabels, Channels, Height, Width);
    }

    /// <summary>The first <paramref name="count"/> images, or all of them when the set has fewer (like LINQ's Take).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative.</exception>
    public LabeledImageSet Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, Count);
        return new LabeledImageSet(
            pixels.AsSpan(0, n * ValuesPerImage).ToArray(), labels.AsSpan(0, n).ToArray(), Channels, Height, Width);
    }

    /// <summary>
    /// Splits the set in two so that each class (and the unlabelled images, as a group of their own) is divided in
    /// the same proportion: First gets round(fraction x n) of each group's n images, chosen at random, and Second
    /// the rest. The choice depends only on the labels and <paramref name="seed"/> (System.Random with that seed,
    /// groups visited in ascending label order), so the same seed gives the same split. Both parts keep the
    /// original order of their images. Rounding is per group (half away from zero), so First's total can differ
    /// slightly from fraction x Count.
    /// </summary>
    /// <param name="fraction">Share of each class that goes to First, in [0, 1].</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException">fraction is not in [0, 1].</exception>
    public (LabeledImageSet First, LabeledImageSet Second) StratifiedSplit(double fraction, int seed)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction must be between 0 and 1");
        }

        var groups = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!groups.TryGetValue(labels[i], out var members))
            {
                members = [];
                groups.Add(labels[i], members);
            }

            members.Add(i);
        }

        var random = new Random(seed);
        var first = new List<int>();
        var second = new List<int>();
        foreach (List<int> members in groups.Values)
        {
            for (int i = members.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            int firstCount = (int)Math.Round(fraction * members.Count, MidpointRounding.AwayFromZero);
            first.AddRange(members.Take(firstCount));
            second.AddRange(members.Skip(firstCount));
        }

        first.Sort();
        second.Sort();
        return (Subset(first.ToArray()), Subset(second.ToArray()));
    }

    /// <summary>
    /// Splits by class, not by sample: every image of a class in <paramref name="firstClasses"/> goes to the
    /// first set and every other image to the second, so a model trained on one is evaluated on classes it
    /// never saw (one-shot evaluation).
    /// </summary>
    /// <exception cref="ArgumentException">A listed class does not occur in the set, or either side would be empty.</exception>
    public (LabeledImageSet First, LabeledImageSet Second) SplitByClass(IReadOnlyCollection<int> firstClasses)
    {
        ArgumentNullException.ThrowIfNull(firstClasses);
        var chosen = new HashSet<int>(firstClasses);
        var missing = chosen.Where(c => !Classes.Contains(c)).Order().ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"class {string.Join(", ", missing)} does not occur in the set; its classes are {string.Join(", ", Classes)}", nameof(firstClasses));
        }

        var first = new List<int>();
        var second = new List<int>();
        for (int i = 0; i < labels.Length; i++)
        {
            (chosen.Contains(labels[i]) ? first : second).Add(i);
        }

        if (first.Count == 0 || second.Count == 0)
        {
            throw new ArgumentException($"a class split needs classes on both sides; {chosen.Count} of the set's {ClassCount} classes were chosen", nameof(firstClasses));
        }

        return (Subset(first.ToArray()), Subset(second.ToArray()));
    }

    /// <summary>
    /// Splits by class with a random choice of classes: round(<paramref name="fraction"/> × classes) classes,
    /// drawn from the seed, go to the first set with all their images, the rest to the second.
    /// </summary>
    /// <exception cref="ArgumentException">The fraction leaves one side without classes.</exception>
    public (LabeledImageSet First, LabeledImageSet Second) SplitByClass(double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the class fraction must be between 0 and 1 (exclusive)");
        }

        int[] drawn = DrawClasses(fraction, seed);
        if (drawn.Length < 1 || drawn.Length >= ClassCount)
        {
            throw new ArgumentException($"a class fraction of {fraction} of {ClassCount} classes leaves one side without classes", nameof(fraction));
        }

        return SplitByClass(drawn);
    }

    /// <summary>
    /// The classes a random class split with <paramref name="fraction"/> and <paramref name="seed"/> puts on its first
    /// side: round(fraction × classes) of <see cref="Classes"/> (half away from zero), drawn with System.Random from the
    /// seed; may be none or all of them. <see cref="SplitByClass(double, int)"/> splits by exactly these classes.
    /// </summary>
    public int[] DrawClasses(double fraction, int seed)
    {
        var classes = Classes.ToArray();
        new Random(seed).Shuffle(classes);
        int count = (int)Math.Round(fraction * classes.Length, MidpointRounding.AwayFromZero);
        return classes[..Math.Clamp(count, 0, classes.Length)];
    }

    /// <summary>
    /// The set with each class multiplied by the four quarter turns: image i of class c appears turned by 0°, 90°, 180°
    /// and 270° (counter-clockwise), labelled 4c, 4c + 1, 4c + 2 and 4c + 3. Treating rotations as new classes is the
    /// usual way to give a one-shot learner more training classes (Santoro et al. 2016; Vinyals et al. 2016; Snell et
    /// al. 2017 on Omniglot). Only square images can be turned; unlabelled images stay unlabelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">The images are not square.</exception>
    public LabeledImageSet WithRotatedClasses()
    {
        if (Height != Width)
        {
            throw new InvalidOperationException($"only square images can be turned by quarter turns; these are {Height}x{Width}");
        }

        int n = Height;
        int plane = n * n;
        var turned = new byte[checked(pixels.Length * 4)];
        var turnedLabels = new int[labels.Length * 4];
        var map = new int[plane];
        for (int turn = 0; turn < 4; turn++)
        {
            // Counter-clockwise by turn quarter turns: map[output pixel] is the source pixel that lands there.
            for (int r = 0; r < n; r++)
            {
                for (int col = 0; col < n; col++)
                {
                    (int sr, int sc) = turn switch
                    {
                        0 => (r, col),
                        1 => (col, n - 1 - r),
                        2 => (n - 1 - r, n - 1 - col),
                        _ => (n - 1 - col, r),
                    };
                    map[(r * n) + col] = (sr * n) + sc;
                }
            }

            for (int i = 0; i < labels.Length; i++)
            {
                int target = (turn * labels.Length) + i;
                turnedLabels[target] = labels[i] == Unlabeled ? Unlabeled : (4 * labels[i]) + turn;
                for (int c = 0; c < Channels; c++)
                {
                    ReadOnlySpan<byte> from = pixels.AsSpan((i * ValuesPerImage) + (c * plane), plane);
                    Span<byte> to = turned.AsSpan((target * ValuesPerImage) + (c * plane), plane);
                    for (int k = 0; k < plane; k++)
                    {
                        to[k] = from[map[k]];
                    }
                }
            }
        }

        return new LabeledImageSet(turned, turnedLabels, Channels, Height, Width);
    }

    /// <summary>
    /// The images at <paramref name="indices"/> as a float32 tensor of shape (indices.Length, Channels, Height, Width)
    /// on the CPU, each pixel p mapped to <c>(p / 255 − Mean) / Std</c>. The tensor belongs to the caller's dispose scope.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is not in [0, Count).</exception>
    public Tensor ToTensor(ReadOnlySpan<int> indices, InputNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        float[] table = normalization.LookupTable();
        var values = GC.AllocateUninitializedArray<float>(checked(indices.Length * ValuesPerImage));
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            CheckIndex(index, nameof(indices));
            ReadOnlySpan<byte> source = pixels.AsSpan(index * ValuesPerImage, ValuesPerImage);
            Span<float> target = values.AsSpan(i * ValuesPerImage, ValuesPerImage);
            for (int j = 0; j < source.Length; j++)
            {
                target[j] = table[source[j]];
            }
        }

        TorchEngine.EnsureInitialized();
        return torch.tensor(values, [indices.Length, Channels, Height, Width]);
    }

    /// <summary>All images as one float32 tensor of shape (Count, Channels, Height, Width); see <see cref="ToTensor(ReadOnlySpan{int}, InputNormalization)"/>.</summary>
    public Tensor ToTensor(InputNormalization normalization)
    {
        int[] all = new int[Count];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return ToTensor(all, normalization);
    }

    private void CheckIndex(int index, string parameterName)
    {
        if ((uint)index >= (uint)labels.Length)
        {
            throw new ArgumentOutOfRangeException(parameterName, index, $"image index must be in [0, {labels.Length})");
        }
    }
}
