using System.ComponentModel;
using Siamese.Losses;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>. The defaults are the tuned Fashion-MNIST recipe. Each option group (data here; model, loss, schedule, evaluation and text in the other parts) validates itself.</summary>
public sealed partial class TrainSettings : CommonSettings, IImageDataSettings, ITextPairSettings
{
    /// <summary>Folder with the four gzipped IDX files.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Folder with train/t10k IDX files (default: $SIAMESE_FASHION_MNIST or /usr/share/datasets/fashion-mnist).")]
    public string? Data { get; init; }

    /// <inheritdoc />
    [CommandOption("--images <DIR>")]
    [Description("Train on a folder of images, one sub-folder per class (PNG, JPEG, BMP, GIF, WebP, PGM/PPM/PBM), instead of Fashion-MNIST.")]
    public string? Images { get; init; }

    /// <summary>An image pair list to train on instead of class-labelled images.</summary>
    [CommandOption("--pair-list <FILE>")]
    [Description("Train an image model on the labelled pairs of this pair-list file (left path, right path, same/different per line) instead of class-labelled images; with the losses that learn from pairs.")]
    public string? PairList { get; init; }

    /// <summary>A recipe file to train from.</summary>
    [CommandOption("--recipe <FILE>")]
    [Description("Train as this recipe file says (JSON, as --print-recipe writes it); the options that choose data, model, loss and schedule are then not read.")]
    public string? Recipe { get; init; }

    /// <summary>Print the recipe and stop.</summary>
    [CommandOption("--print-recipe")]
    [Description("Print the training recipe these options describe (JSON, for --recipe) and stop without training.")]
    public bool PrintRecipe { get; init; }

    /// <inheritdoc />
    [CommandOption("--class-depth <N>")]
    [Description("Folder level that names the classes: 1 for root/class/*.png, 2 for root/alphabet/character/*.png.")]
    [DefaultValue(1)]
    public int ClassDepth { get; init; } = 1;

    /// <inheritdoc />
    [CommandOption("--image-size <HxW>")]
    [Description("Resize folder images to this size, e.g. 105x105 or 64 (default: the size of the first image).")]
    public string? ImageSize { get; init; }

    /// <inheritdoc />
    [CommandOption("--color")]
    [Description("Read folder images as RGB (default: greyscale).")]
    public bool Color { get; init; }

    /// <summary>Classes to train on.</summary>
    [CommandOption("--train-classes <LIST>")]
    [Description("Train only on these classes (names, numbers or ranges, e.g. 0-5 or shirt,coat); the others are kept unseen for one-shot evaluation.")]
    public string? TrainClasses { get; init; }

    /// <summary>Unseen classes to evaluate on.</summary>
    [CommandOption("--test-classes <LIST>")]
    [Description("Evaluate one-shot recognition on these classes (default: every class not trained on).")]
    public string? TestClasses { get; init; }

    /// <summary>Random class-disjoint split.</summary>
    [CommandOption("--class-fraction <F>")]
    [Description("Train on this share of the classes, drawn with --seed; the rest are unseen test classes.")]
    public double? ClassFraction { get; init; }

    /// <summary>Random affine distortions.</summary>
    [CommandOption("--augment")]
    [Description("Distort training images on the fly (Koch et al. 2015: rotation ±10°, shear ±0.3, scale 0.8-1.2, shift ±2 px), seeded.")]
    public bool Augment { get; init; }

    /// <summary>Quarter turns of each training class as classes of their own.</summary>
    [CommandOption("--rotate-classes")]
    [Description("Turn every training image by 90, 180 and 270 degrees and treat each turn of a class as a new class (4x the classes; helps one-shot transfer; square images only).")]
    public bool RotateClasses { get; init; }

    /// <summary>How validation data is held out.</summary>
    [CommandOption("--validation-by <WAY>")]
    [Description("Hold out validation 'sample's of every training class, or whole 'class'es (better for one-shot model selection; default for image folders).")]
    public string? ValidationBy { get; init; }

    /// <summary>Where the model bundle is written.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Model bundle to write.")]
    [DefaultValue("models/fashion-mnist.siamese")]
    public string Output { get; init; } = "models/fashion-mnist.siamese";

    /// <summary>Replace an existing model.</summary>
    [CommandOption("--force")]
    [Description("Replace the output model if it exists.")]
    public bool Force { get; init; }

    /// <summary>Continue from the checkpoint of an interrupted run.</summary>
    [CommandOption("--resume")]
    [Description("Continue an interrupted run from <output>.checkpoint (give the same options as before; the architecture comes from the checkpoint).")]
    public bool Resume { get; init; }

    /// <summary>Whether this run trains a text model on pairs.</summary>
    public bool IsText => Pairs is not null;

    /// <summary>The first problem with --pair-list, --recipe or --print-recipe, or null.</summary>
    private string? PairListError()
    {
        if (Recipe is not null && (Resume || PrintRecipe))
        {
            return "--recipe trains from a recipe file; --resume continues the checkpoint's own recipe and --print-recipe prints the options' recipe: give one";
        }

        if (PrintRecipe && Resume)
        {
            return "--print-recipe prints the recipe the options describe; it does not combine with --resume";
        }

        if (PairList is null)
        {
            return null;
        }

        if (Pairs is not null || Images is not null || Data is not null || TrainClasses is not null || TestClasses is not null || ClassFraction is not null || Augment || RotateClasses)
        {
            return "--pair-list trains on its own image pairs; --pairs, --data, --images, --train-classes, --test-classes, --class-fraction, --augment and --rotate-classes choose other data";
        }

        return LossCatalog.PairListNames.Contains(Loss)
            ? null
            : $"--loss: a pair list trains with {string.Join(", ", LossCatalog.PairListNames)}, not '{Loss}' (it needs class labels)";
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        string? error = (IsText ? TextError() : null) ?? PairListError() ?? ModelError() ?? ScheduleError() ?? LossError() ?? EvaluationError() ?? DataError();
        return error is null ? base.Validate() : ValidationResult.Error(error);
    }

    /// <summary>The first problem with the image data options, or null.</summary>
    private string? DataError()
    {
        if (!IsText && ImageData.Validate(this) is { } dataError)
        {
            return dataError;
        }

        if (ClassFraction is not null && (TrainClasses is not null || TestClasses is not null))
        {
            return "--class-fraction draws the class split at random; give it or --train-classes/--test-classes, not both";
        }

        if (ClassFraction is <= 0 or >= 1)
        {
            return $"--class-fraction must be between 0 and 1 (got {ClassFraction})";
        }

        if (ValidationBy is not (null or "sample" or "class"))
        {
            return $"--validation-by must be sample or class, not '{ValidationBy}'";
        }

        return null;
    }
}
