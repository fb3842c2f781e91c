using Siamese.Data;

namespace Siamese.Sources;

/// <summary>
/// The split rules of labelled images, shared by every labelled image source: a stratified training limit, training
/// and unseen test classes, singleton classes left out, validation held out by sample or by class, and quarter-turn
/// classes. Draws happen in this order from the seed, so a split is the same for a seed whatever reads it.
/// </summary>
internal static class ImageClassSplit
{
    /// <summary>Splits <paramref name="all"/>; <paramref name="testPool"/> holds the source's own test images (Fashion-MNIST's test split), if any.</summary>
    public static DataSplits Apply(
        LabeledImageSet all,
        LabeledImageSet? testPool,
        IReadOnlyList<string> names,
        ImageSplitOptions options,
        ValidationHoldout defaultHoldout,
        string source,
        int seed,
        IEnumerable<string> readNotes)
    {
        var notes = readNotes.ToList();
        if (options.TrainLimit > 0 && options.TrainLimit < all.Count)
        {
            all = all.StratifiedSplit((double)options.TrainLimit / all.Count, seed).First;
        }

        var (trainClasses, testClasses) = SplitClasses(options, all, names, seed);
        bool disjoint = testClasses is not null;
        var train = all.OfClasses(trainClasses);
        LabeledImageSet? test = disjoint ? (testPool ?? all).OfClasses(testClasses!) : testPool;
        var gallery = !disjoint && testPool is not null ? all : null;

        // Classes with one image cannot form genuine pairs.
        var singletons = train.Labels.CountBy(label => label).Where(kv => kv.Value < 2).Select(kv => kv.Key).ToHashSet();
        if (singletons.Count > 0)
        {
            train = train.OfClasses(train.Classes.Where(c => !singletons.Contains(c)).ToArray());
        }

        bool byClass = (options.ValidationBy ?? defaultHoldout) == ValidationHoldout.Class;
        LabeledImageSet validation;
        if (byClass && train.ClassCount >= 4)
        {
            var shuffled = train.Classes.ToArray();
            new Random(seed).Shuffle(shuffled);
            int count = Math.Clamp((int)Math.Round(options.ValidationFraction * shuffled.Length), 2, shuffled.Length - 2);
            (validation, train) = train.SplitByClass(shuffled[..count]);
        }
        else
        {
            if (byClass)
            {
                notes.Add($"{train.ClassCount} training classes are too few to hold whole classes out; validating on held-out samples instead.");
            }

            (train, validation) = train.StratifiedSplit(1 - options.ValidationFraction, seed);
        }

        if (options.RotateClasses)
        {
            if (train.Height != train.Width)
            {
                throw new ArgumentException($"--rotate-classes turns images by quarter turns, which needs square images; these are {train.Height}x{train.Width} (use --image-size)");
            }

            (train, validation) = (train.WithRotatedClasses(), validation.WithRotatedClasses());
        }

        string description = $"{source} ({train.Count} training images of {train.ClassCount} classes{(options.RotateClasses ? " (with quarter turns)" : "")}, {validation.Count} held out for validation"
            + (disjoint ? $"; {testClasses!.Length} unseen test classes)" : ")");
        return new DataSplits
        {
            Train = new LabelledImages(train),
            Validation = new LabelledImages(validation),
            Test = test is null ? null : new LabelledImages(test),
            Gallery = gallery is null ? null : new LabelledImages(gallery),
            ClassNames = names,
            TrainClassNames = trainClasses.Length < all.ClassCount ? Names(trainClasses, names) : null,
            TestClassNames = disjoint ? Names(testClasses!, names) : null,
            Description = description,
            Notes = notes,
        };
    }

    private static string[] Names(int[] classes, IReadOnlyList<string> names) => classes.Select(c => names[c]).ToArray();

    private static (int[] Train, int[]? Test) SplitClasses(ImageSplitOptions options, LabeledImageSet all, IReadOnlyList<string> names, int seed)
    {
        int[] present = all.Classes.ToArray();
        if (options.ClassFraction is double fraction)
        {
            int[] drawn = all.DrawClasses(fraction, seed);
            if (drawn.Length < 2 || drawn.Length >= present.Length)
            {
                throw new ArgumentException($"--class-fraction {fraction} of {present.Length} classes leaves fewer than 2 training classes or no test class");
            }

            return (drawn.Order().ToArray(), present.Except(drawn).ToArray());
        }

        if (options.TrainClasses is null && options.TestClasses is null)
        {
            return (present, null);
        }

        int[]? train = options.TrainClasses is null ? null : ClassSelection.Parse(options.TrainClasses, names, "--train-classes");
        int[]? test = options.TestClasses is null ? null : ClassSelection.Parse(options.TestClasses, names, "--test-classes");
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
