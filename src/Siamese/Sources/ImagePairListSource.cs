using Siamese.Data;
using Siamese.Samplers;

namespace Siamese.Sources;

/// <summary>
/// Image pairs labelled same or different in a pair-list file (<see cref="PairListFile"/>), without class labels: the
/// losses that learn from explicit pairs train on them. Validation comes from its own list or a seeded share of the
/// pairs held out; an optional test list is the test part.
/// </summary>
public sealed record ImagePairListSource : PairFileSource
{
    /// <summary>1 to read the images as greyscale (default), 3 for RGB.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Height images are resized to, or null for the first listed image's.</summary>
    public int? Height { get; init; }

    /// <summary>Width images are resized to, or null for the first listed image's.</summary>
    public int? Width { get; init; }

    /// <inheritdoc />
    protected override string FileKind => "pair list";

    /// <inheritdoc />
    public override void Validate()
    {
        ValidateFiles();
        if (Channels is not (1 or 3))
        {
            throw new ArgumentException($"image-pairs: channels must be 1 (greyscale) or 3 (RGB), not {Channels}");
        }

        if (Height is < 1 || Width is < 1 || (Height is null) != (Width is null))
        {
            throw new ArgumentException("image-pairs: give both the height and the width, each at least 1, or neither");
        }
    }

    /// <inheritdoc />
    public override DataSplits Load(int seed)
    {
        Validate();
        var entries = PairListFile.Read(File);
        if (entries.Count == 0)
        {
            throw new ArgumentException($"{File}: the pair list has no pairs");
        }

        var (height, width) = Height is int h && Width is int w ? (h, w) : FirstImageSize(entries[0]);
        IReadOnlyList<PairListEntry> train, validation;
        string validationSource;
        if (ValidationFile is { } validationFile)
        {
            (train, validation, validationSource) = (entries, PairListFile.Read(validationFile), validationFile);
        }
        else
        {
            int held = (int)Math.Round(entries.Count * ValidationFraction);
            if (held < 2 || entries.Count - held < 2)
            {
                throw new ArgumentException($"{File}: {entries.Count} pairs are too few to hold out --validation-fraction {ValidationFraction} for validation; give --validation-file");
            }

            var order = Enumerable.Range(0, entries.Count).ToArray();
            new Random(seed).Shuffle(order);
            validation = order.Take(held).Order().Select(i => entries[i]).ToArray();
            train = order.Skip(held).Order().Select(i => entries[i]).ToArray();
            validationSource = $"{held} pairs held out of {File}";
        }

        var trainPart = Part(train, height, width);
        var validationPart = Part(validation, height, width);
        var testPart = TestFile is { } testFile ? Part(PairListFile.Read(testFile), height, width) : null;
        int same = trainPart.Pairs.Relations.Count(r => r == PairRelation.Same);
        return new DataSplits
        {
            Train = trainPart,
            Validation = validationPart,
            Test = testPart,
            Description = $"{File}: {trainPart.Count} pairs ({same} same) over {trainPart.Images.Count} images as {Channels}x{height}x{width}; validation {validationSource} ({validationPart.Count} pairs)",
        };
    }

    private ImagePairs Part(IReadOnlyList<PairListEntry> entries, int height, int width)
    {
        var (images, pairs) = ExplicitPairs.Load(entries, Channels, height, width);
        return new ImagePairs(images, pairs);
    }

    private static (int Height, int Width) FirstImageSize(PairListEntry first)
    {
        var (width, height) = ImageFileReader.ReadSize(first.LeftPath);
        return (height, width);
    }
}
