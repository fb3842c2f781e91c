using Siamese.Data;

namespace Siamese.Sources;

/// <summary>
/// Text pairs from a delimited file (binary labels or graded scores): trained on, with validation from its own file or a
/// seeded share held out of the training file, and an optional test file.
/// </summary>
public sealed record TextPairFileSource : PairFileSource
{
    /// <summary>How the files are laid out (all of them alike).</summary>
    public TextPairFileLayout Layout { get; init; } = new();

    /// <inheritdoc />
    protected override string FileKind => "pair file";

    /// <inheritdoc />
    public override void Validate()
    {
        ValidateFiles();
        (Layout ?? throw new ArgumentException("text-pairs: the file layout is missing")).Columns();
    }

    /// <inheritdoc />
    public override DataSplits Load(int seed)
    {
        Validate();
        var all = Layout.Read(File);
        var (train, validation, validationSource) = ValidationFile is { } validationFile
            ? (all, Layout.Read(validationFile), validationFile)
            : Split(all, ValidationFraction, seed, File);
        var test = TestFile is { } testFile ? Layout.Read(testFile) : null;
        if (validation.IsGraded != train.IsGraded || (test is not null && test.IsGraded != train.IsGraded))
        {
            throw new ArgumentException("the training, validation and test pairs must all be binary or all graded");
        }

        return new DataSplits
        {
            Train = new TextPairs(train),
            Validation = new TextPairs(validation),
            Test = test is null ? null : new TextPairs(test),
            Description = $"{File}: {train.Count} pairs ({(train.IsGraded ? "graded" : $"{train.PositiveCount} same")}), {train.FirstTexts.Count} + {train.SecondTexts.Count} distinct texts; validation {validationSource} ({validation.Count} pairs)",
        };
    }

    /// <summary>Holds out a seeded share of the pairs for validation.</summary>
    private static (TextPairSet Train, TextPairSet Validation, string Source) Split(TextPairSet all, double fraction, int seed, string file)
    {
        int held = (int)Math.Round(all.Count * fraction);
        if (held < 2 || all.Count - held < 2)
        {
            throw new ArgumentException($"{file}: {all.Count} pairs are too few to hold out --validation-fraction {fraction} for validation; give --validation-file");
        }

        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(seed).Shuffle(order);
        var validation = order.Take(held).Order().Select(i => all.Pairs[i]).ToArray();
        var train = order.Skip(held).Order().Select(i => all.Pairs[i]).ToArray();
        return (TextPairSet.FromPairs(train), TextPairSet.FromPairs(validation), $"{held} pairs held out of {file}");
    }
}
