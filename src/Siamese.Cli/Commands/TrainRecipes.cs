using Siamese.Data;
using Siamese.Encoders;
using Siamese.Recipes;
using Siamese.Sources;

namespace Siamese.Cli.Commands;

/// <summary>Binds the options of <c>siamese train</c> to the <see cref="TrainingRecipe"/> they describe.</summary>
internal static class TrainRecipes
{
    /// <summary>The recipe the options describe (validated options: see <see cref="TrainSettings.Validate"/>).</summary>
    /// <exception cref="ArgumentException">An option does not parse; the message names it.</exception>
    public static TrainingRecipe From(TrainSettings settings)
    {
        var tokenizer = settings.IsText ? settings.ToTokenizerSettings() : null;
        var model = new ModelRecipe
        {
            Encoder = tokenizer is not null ? settings.ToTextEncoderSpec(settings.Encoder, tokenizer) : ImageEncoder(settings),
            SecondEncoder = tokenizer is not null && settings.SecondEncoder is { } second ? settings.ToTextEncoderSpec(second, tokenizer) : null,
            ShareWordVectors = settings.ShareWordVectors,
            Distance = settings.Distance,
            Tokenizer = tokenizer,
        };
        return new TrainingRecipe
        {
            Data = DataSource(settings),
            Model = model,
            Loss = settings.ToLossSpec(settings.EffectiveMargin(settings.Distance)),
            Training = settings.ToTrainerOptions(),
            Augment = settings.Augment,
            ValidationPairs = settings.ValidationPairs,
            Validation = settings.ValidationEvaluators(),
            Calibration = settings.Calibrate,
        };
    }

    /// <summary>The data source the options choose: text pairs, an image pair list, an image folder or Fashion-MNIST.</summary>
    public static DataSourceSpec DataSource(TrainSettings settings)
    {
        var size = settings.ImageSize is null ? null : ImageData.ParseSize(settings.ImageSize);
        string? testFile = settings.NoEvaluate ? null : settings.TestFile;
        if (settings.IsText)
        {
            var columns = TextPairData.Columns(settings);
            var format = TextPairData.Format(settings);
            return new TextPairFileSource
            {
                File = settings.Pairs!,
                Layout = new TextPairFileLayout
                {
                    Text1 = settings.Text1, Text2 = settings.Text2, Label = settings.Score ?? settings.Label ?? "label",
                    ScoreRange = settings.ScoreRange, SameLabels = settings.SameLabels, DifferentLabels = settings.DifferentLabels,
                    Delimiter = format.Delimiter, Quoting = format.Quoting, HasHeader = format.HasHeader,
                },
                ValidationFile = settings.ValidationFile,
                ValidationFraction = settings.ValidationFraction,
                TestFile = testFile,
            };
        }

        if (settings.PairList is { } pairList)
        {
            return new ImagePairListSource
            {
                File = pairList, Channels = settings.Color ? 3 : 1, Height = size?.Height, Width = size?.Width,
                ValidationFile = settings.ValidationFile, ValidationFraction = settings.ValidationFraction, TestFile = testFile,
            };
        }

        var split = new ImageSplitOptions
        {
            ValidationFraction = settings.ValidationFraction,
            ValidationBy = settings.ValidationBy switch
            {
                null => null,
                "class" => ValidationHoldout.Class,
                _ => ValidationHoldout.Sample,
            },
            ClassFraction = settings.ClassFraction,
            TrainClasses = settings.TrainClasses,
            TestClasses = settings.TestClasses,
            TrainLimit = settings.TrainLimit,
            RotateClasses = settings.RotateClasses,
        };
        return settings.Images is { } folder
            ? new ImageFolderSource
            {
                Folder = folder, ClassDepth = settings.ClassDepth, Channels = settings.Color ? 3 : 1,
                Height = size?.Height, Width = size?.Width, Split = split,
            }
            : new FashionMnistSource { Folder = settings.Data, Split = split };
    }

    /// <summary>
    /// The image encoder the options describe. Its input shape is Fashion-MNIST's or the --image-size given; otherwise the
    /// run takes it from the first image, and the architecture is validated then.
    /// </summary>
    private static EncoderSpec ImageEncoder(TrainSettings settings)
    {
        var size = settings.ImageSize is null ? null : ImageData.ParseSize(settings.ImageSize);
        int channels = settings.Color && (settings.Images ?? settings.PairList) is not null ? 3 : 1;
        bool known = size is not null || (settings.Images ?? settings.PairList) is null;
        var (height, width) = size ?? (FashionMnist.ImageSize, FashionMnist.ImageSize);
        return settings.ToEncoderSpec(channels, height, width, validate: known);
    }
}
