using Siamese.Data;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary>
/// The data of one training run: the training images (only the training classes), the validation images, and,
/// when classes were held out, the unseen test images for one-shot evaluation.
/// </summary>
internal sealed record TrainingData(
    LabeledImageSet Train,
    LabeledImageSet Validation,
    LabeledImageSet? Test,
    LabeledImageSet? Gallery,
    IReadOnlyList<string> ClassNames,
    string[]? TrainClassNames,
    string[]? TestClassNames,
    string Description)
{
    /// <summary>Loads and splits the data <paramref name="settings"/> choose.</summary>
    public static TrainingData Load(TrainSettings settings)
    {
        LabeledImageSet all;
        LabeledImageSet? testPool;
        IReadOnlyList<string> names;
        string source;
        if (settings.Images is null)
        {
            all = FashionMnist.Load(settings.Data, FashionMnistSplit.Train);
            testPool = FashionMnist.Load(settings.Data, FashionMnistSplit.Test);
            names = FashionMnist.ClassNames;
            source = "Fashion-MNIST train";
        }
        else
        {
            var folder = ImageData.LoadFolder(settings);
            all = folder.Images;
            testPool = null;
            names = folder.ClassNames;
            source = $"image folder {settings.Images}";
        }

        if (settings.TrainLimit > 0 && settings.TrainLimit < all.Count)
        {
            all = all.StratifiedSplit((double)settings.TrainLimit / all.Count, settings.Seed).First;
        }

        var (trainClasses, testClasses) = SplitClasses(settings, all, names);
        bool disjoint = testClasses is not null;
        var train = ImageData.Restrict(all, trainClasses);
        LabeledImageSet? test = disjoint ? ImageData.Restrict(testPool ?? all, testClasses!) : testPool;
        var gallery = !disjoint && testPool is not null ? all : null;

        // Classes with one image cannot form genuine pairs.
        var singletons = train.Labels.CountBy(label => label).Where(kv => kv.Value < 2).Select(kv => kv.Key).ToHashSet();
        if (singletons.Count > 0)
        {
            train = ImageData.Restrict(train, train.Classes.Where(c => !singletons.Contains(c)).ToArray());
        }

        bool byClass = (settings.ValidationBy ?? (settings.Images is null ? "sample" : "class")) == "class";
        LabeledImageSet validation;
        if (byClass && train.ClassCount >= 4)
        {
            var shuffled = train.Classes.ToArray();
            new Random(settings.Seed).Shuffle(shuffled);
            int count = Math.Clamp((int)Math.Round(settings.ValidationFraction * shuffled.Length), 2, shuffled.Length - 2);
            (validation, train) = train.SplitByClass(shuffled[..count]);
        }
        else
        {
            if (byClass)
            {
                AnsiConsole.MarkupLine($"[yellow]note:[/] {train.ClassCount} training classes are too few to hold whole classes out; validating on held-out samples instead.");
            }

            (train, validation) = train.StratifiedSplit(1 - settings.ValidationFraction, settings.Seed);
        }

        if (settings.RotateClasses)
        {
            if (train.Height != train.Width)
            {
                throw new ArgumentException($"--rotate-classes turns images by quarter turns, which needs square images; these are {train.Height}x{train.Width} (use --image-size)");
            }

            (train, validation) = (train.WithRotatedClasses(), validation.WithRotatedClasses());
        }

        string description = $"{source} ({train.Count} training images of {train.ClassCount} classes{(settings.RotateClasses ? " (with quarter turns)" : "")}, {validation.Count} held out for validation"
            + (disjoint ? $"; {testClasses!.Length} unseen test classes)" : ")");
        return new TrainingData(train, validation, test, gallery, names,
            trainClasses.Length < all.ClassCount ? ImageData.Names(trainClasses, names) : null,
            disjoint ? ImageData.Names(testClasses!, names) : null,
            description);
    }

    private static (int[] Train, int[]? Test) SplitClasses(TrainSettings settings, LabeledImageSet all, IReadOnlyList<string> names)
    {
        int[] present = all.Classes.ToArray();
        if (settings.ClassFraction is double fraction)
        {
            int[] drawn = all.DrawClasses(fraction, settings.Seed);
            if (drawn.Length < 2 || drawn.Length >= present.Length)
            {
                throw new ArgumentException($"--class-fraction {fraction} of {present.Length} classes leaves fewer than 2 training classes or no test class");
            }

            return (drawn.Order().ToArray(), present.Except(drawn).ToArray());
        }

        if (settings.TrainClasses is null && settings.TestClasses is null)
        {
            return (present, null);
        }

        int[]? train = settings.TrainClasses is null ? null : ClassSelection.Parse(settings.TrainClasses, names, "--train-classes");
        int[]? test = settings.TestClasses is null ? null : ClassSelection.Parse(settings.TestClasses, names, "--test-classes");
        train ??= present.Except(test!).ToArray();
        test ??= present.Except(train).ToArray();
        if (train.Intersect(test).FirstOrDefault(-1) is int both and >= 0)
        {
            throw new ArgumentException($"--train-classes and --test-classes both list class {names[both]}; one-shot evaluation needs classes never trained on");
        }

        if (train.Length < 2)
        {
            throw new ArgumentException($"--train-classes: training needs at least 2 classes (got {train.Length})");
        }

        return (train, test.Length > 0 ? test : null);
    }
}
