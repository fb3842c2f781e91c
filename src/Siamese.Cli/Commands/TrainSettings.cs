using System.ComponentModel;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Losses;
using Siamese.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>. The defaults are the tuned Fashion-MNIST recipe.</summary>
public sealed class TrainSettings : CommonSettings, IImageDataSettings
{
    /// <summary>Folder with the four gzipped IDX files.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Folder with train/t10k IDX files (default: $SIAMESE_FASHION_MNIST or /usr/share/datasets/fashion-mnist).")]
    public string? Data { get; init; }

    /// <inheritdoc />
    [CommandOption("--images <DIR>")]
    [Description("Train on a folder of images, one sub-folder per class (PNG, JPEG, BMP, GIF, WebP, PGM/PPM/PBM), instead of Fashion-MNIST.")]
    public string? Images { get; init; }

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

    /// <summary>The layer that gives the embeddings after training.</summary>
    [CommandOption("--embed-layer <LAYER>")]
    [Description("CNN layer whose output is the embedding after training: projection (what the loss trains), hidden, or features (last convolutional block); inner layers recognise unseen classes better.")]
    [DefaultValue("projection")]
    public string EmbedLayer { get; init; } = "projection";

    /// <summary>Quarter turns of each training class as classes of their own.</summary>
    [CommandOption("--rotate-classes")]
    [Description("Turn every training image by 90, 180 and 270 degrees and treat each turn of a class as a new class (4x the classes; helps one-shot transfer; square images only).")]
    public bool RotateClasses { get; init; }

    /// <summary>Prototypical episodes: support examples per class.</summary>
    [CommandOption("--shots <K>")]
    [Description("Prototypical loss: support examples per class in each training episode; the rest of --samples-per-class are queries.")]
    [DefaultValue(1)]
    public int Shots { get; init; } = 1;

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

    /// <summary>Encoder family.</summary>
    [CommandOption("--encoder <KIND>")]
    [Description("Encoder: cnn or mlp.")]
    [DefaultValue("cnn")]
    public string Encoder { get; init; } = "cnn";

    /// <summary>CNN: channels of each block, comma-separated.</summary>
    [CommandOption("--channels <LIST>")]
    [Description("CNN: output channels of each block, comma-separated; one block per entry.")]
    [DefaultValue("32,64,128")]
    public string Channels { get; init; } = "32,64,128";

    /// <summary>CNN: kernel size of each block, comma-separated.</summary>
    [CommandOption("--kernel-sizes <LIST>")]
    [Description("CNN: odd kernel size of each block, comma-separated (one per block).")]
    [DefaultValue("3,3,3")]
    public string KernelSizes { get; init; } = "3,3,3";

    /// <summary>CNN: convolutions per block.</summary>
    [CommandOption("--convs-per-block <N>")]
    [Description("CNN: convolutions in each block before its 2x2 max-pool.")]
    [DefaultValue(1)]
    public int ConvolutionsPerBlock { get; init; } = 1;

    /// <summary>Hidden fully connected units (CNN) or hidden layers (MLP).</summary>
    [CommandOption("--hidden <LIST>")]
    [Description("Hidden fully connected units: one number for the CNN (0 for none), a comma-separated list for the MLP.")]
    [DefaultValue("256")]
    public string Hidden { get; init; } = "256";

    /// <summary>Batch normalisation.</summary>
    [CommandOption("--batch-norm <BOOL>")]
    [Description("Batch normalisation after each convolution and hidden layer (true/false).")]
    [DefaultValue(true)]
    public bool BatchNorm { get; init; } = true;

    /// <summary>Dropout before the projection.</summary>
    [CommandOption("--dropout <P>")]
    [DefaultValue(0.0)]
    public double Dropout { get; init; }

    /// <summary>Embedding length.</summary>
    [CommandOption("--embedding-dim <N>")]
    [Description("Length of the embedding vector.")]
    [DefaultValue(64)]
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Whether embeddings are L2-normalised.</summary>
    [CommandOption("--normalize <BOOL>")]
    [Description("L2-normalise the embeddings (true/false).")]
    [DefaultValue(true)]
    public bool Normalize { get; init; } = true;

    /// <summary>Distance name.</summary>
    [CommandOption("--distance <NAME>")]
    [Description("Distance: l1, l2, squared-l2, cosine, dot, exp-l1.")]
    [DefaultValue("l2")]
    public string Distance { get; init; } = "l2";

    /// <summary>Loss name.</summary>
    [CommandOption("--loss <NAME>")]
    [Description("Loss: contrastive (Hadsell 2006, random pairs), energy-contrastive (Chopra 2005), online-contrastive (pairs inside class-balanced batches), triplet, quadruplet (Chen 2017) or npair (multiple negatives, InfoNCE).")]
    [DefaultValue("contrastive")]
    public string Loss { get; init; } = "contrastive";

    /// <summary>Miner name.</summary>
    [CommandOption("--miner <NAME>")]
    [Description("Tuple selection: triplet batch-hard (default), semi-hard, all or none (random triplets); quadruplet batch-hard (default) or none; online-contrastive hard-pair (default) or all.")]
    public string? Miner { get; init; }

    /// <summary>Class-balanced batches: samples of each class per batch.</summary>
    [CommandOption("--samples-per-class <M>")]
    [Description("Class-balanced batches (mining losses): samples of each class per batch; the batch size must be a multiple.")]
    [DefaultValue(32)]
    public int SamplesPerClass { get; init; } = 32;

    /// <summary>Impostor margin, the energy bound Q, or the triplet margin.</summary>
    [CommandOption("--margin <M>")]
    [Description("Contrastive: impostor margin (default 1.5 for l2, the tuned recipe; 1 for other distances; 0 for similarities). Energy: the bound Q (default: the bound for normalised embeddings). Triplet, quadruplet: the margin (default 0.2).")]
    public double? Margin { get; init; }

    /// <summary>Genuine margin.</summary>
    [CommandOption("--positive-margin <M>")]
    [Description("Contrastive: genuine pairs closer than this pay nothing (default 0 for distances, 1 for similarities).")]
    public double? PositiveMargin { get; init; }

    /// <summary>Quadruplet: the negative-pair margin.</summary>
    [CommandOption("--second-margin <M>")]
    [Description("Quadruplet: margin of the term that compares the positive pair with a pair of two other classes (default 0.1).")]
    public double? SecondMargin { get; init; }

    /// <summary>N-pair temperature.</summary>
    [CommandOption("--temperature <T>")]
    [Description("N-pair: softmax temperature (default 0.1).")]
    public double? Temperature { get; init; }

    /// <summary>Soft-margin triplet loss.</summary>
    [CommandOption("--soft-margin")]
    [Description("Triplet: log(1 + exp(x)) instead of the hinge (no margin).")]
    public bool SoftMargin { get; init; }

    /// <summary>Epochs.</summary>
    [CommandOption("--epochs <N>")]
    [DefaultValue(6)]
    public int Epochs { get; init; } = 6;

    /// <summary>Steps per epoch.</summary>
    [CommandOption("--steps-per-epoch <N>")]
    [DefaultValue(500)]
    public int StepsPerEpoch { get; init; } = 500;

    /// <summary>Inputs embedded per step.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Inputs embedded per step, for every loss: 256 is 128 pairs, 85 triplets, or 8 classes x 32 samples.")]
    [DefaultValue(256)]
    public int BatchSize { get; init; } = 256;

    /// <summary>Initial learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [DefaultValue(0.002)]
    public double LearningRate { get; init; } = 0.002;

    /// <summary>Optimizer.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("adam or sgd.")]
    [DefaultValue("adam")]
    public string Optimizer { get; init; } = "adam";

    /// <summary>Learning-rate schedule.</summary>
    [CommandOption("--schedule <NAME>")]
    [Description("constant, step or cosine.")]
    [DefaultValue("cosine")]
    public string Schedule { get; init; } = "cosine";

    /// <summary>Share of the steps spent warming the learning rate up.</summary>
    [CommandOption("--warmup <FRACTION>")]
    [Description("Cosine schedule: share of the steps spent warming the learning rate up from a tenth.")]
    [DefaultValue(0.15)]
    public double Warmup { get; init; } = 0.15;

    /// <summary>Seed.</summary>
    [CommandOption("--seed <N>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    /// <summary>Early-stopping patience.</summary>
    [CommandOption("--patience <EPOCHS>")]
    [Description("Stop after this many epochs without validation improvement (0: never).")]
    [DefaultValue(0)]
    public int Patience { get; init; }

    /// <summary>Which epoch's weights are kept.</summary>
    [CommandOption("--select <METRIC>")]
    [Description("Epoch whose weights are kept: the best validation auc, eer or accuracy, the lowest loss, or the last epoch. N-pair and batch-hard losses often do best on nearest-neighbour search with 'last'.")]
    [DefaultValue("auc")]
    public string Select { get; init; } = "auc";

    /// <summary>Share of training images held out for validation.</summary>
    [CommandOption("--validation-fraction <F>")]
    [Description("Share of the training images held out for validation and threshold calibration.")]
    [DefaultValue(0.05)]
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Validation pairs.</summary>
    [CommandOption("--validation-pairs <N>")]
    [DefaultValue(4000)]
    public int ValidationPairs { get; init; } = 4000;

    /// <summary>Calibration criterion.</summary>
    [CommandOption("--calibrate <CRITERION>")]
    [Description("How the decision threshold is chosen on validation pairs: 'accuracy' or 'far=0.001'.")]
    [DefaultValue("accuracy")]
    public string Calibrate { get; init; } = "accuracy";

    /// <summary>Use only this many training images.</summary>
    [CommandOption("--train-limit <N>")]
    [Description("Train on a stratified subset of this many training images (0: all).")]
    [DefaultValue(0)]
    public int TrainLimit { get; init; }

    /// <summary>Skip the evaluation on the test set.</summary>
    [CommandOption("--no-evaluate")]
    [Description("Do not evaluate on the test set after training.")]
    public bool NoEvaluate { get; init; }

    /// <summary>Test pairs in the evaluation after training.</summary>
    [CommandOption("--test-pairs <N>")]
    [DefaultValue(10000)]
    public int TestPairs { get; init; } = 10000;

    /// <summary>Folder for the evaluation report after training.</summary>
    [CommandOption("--report <DIR>")]
    [Description("Write metrics.json and plots of the evaluation after training to this folder.")]
    public string? Report { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        string? error = null;
        if (Encoder is not ("cnn" or "mlp"))
        {
            error = $"--encoder must be cnn or mlp, not '{Encoder}'";
        }
        else if (!Siamese.Distances.Distance.Names.Contains(Distance))
        {
            error = $"--distance must be one of {string.Join(", ", Siamese.Distances.Distance.Names)}, not '{Distance}'";
        }
        else if (!LossSetup.LossNames.Contains(Loss))
        {
            error = $"--loss must be one of {string.Join(", ", LossSetup.LossNames)}, not '{Loss}'";
        }
        else if (Miner is not null && !LossSetup.MinersFor(Loss).Contains(Miner))
        {
            error = $"--miner: the {Loss} loss takes {string.Join(", ", LossSetup.MinersFor(Loss))}, not '{Miner}'";
        }
        else if (Select is not ("auc" or "eer" or "accuracy" or "loss" or "last"))
        {
            error = $"--select must be auc, eer, accuracy, loss or last, not '{Select}'";
        }
        else if (SamplesPerClass < 2)
        {
            error = $"--samples-per-class must be at least 2, so that every sample has a positive (got {SamplesPerClass})";
        }
        else if (Temperature is <= 0 || SecondMargin is < 0)
        {
            error = "--temperature must be positive and --second-margin not negative";
        }
        else if (Margin is < 0)
        {
            error = $"--margin must not be negative (got {Margin})";
        }
        else if (ParseList(Channels) is null || ParseList(KernelSizes) is null || ParseList(Hidden) is null)
        {
            error = "--channels, --kernel-sizes and --hidden take comma-separated whole numbers, e.g. 32,64";
        }
        else if (EmbeddingDimension < 1)
        {
            error = "--embedding-dim must be at least 1";
        }
        else if (ToLossSetup(Margin) is var setup && SetupError(setup) is { } setupError)
        {
            error = setupError;
        }
        else if (Epochs < 1 || StepsPerEpoch < 1)
        {
            error = "--epochs and --steps-per-epoch must be at least 1";
        }
        else if (!(LearningRate > 0))
        {
            error = $"--lr must be positive (got {LearningRate})";
        }
        else if (Optimizer is not ("adam" or "sgd"))
        {
            error = $"--optimizer must be adam or sgd, not '{Optimizer}'";
        }
        else if (Schedule is not ("constant" or "step" or "cosine"))
        {
            error = $"--schedule must be constant, step or cosine, not '{Schedule}'";
        }
        else if (ValidationFraction is <= 0 or >= 1)
        {
            error = $"--validation-fraction must be between 0 and 1 (got {ValidationFraction})";
        }
        else if (ValidationPairs < 2 || TestPairs < 2)
        {
            error = "--validation-pairs and --test-pairs must be at least 2";
        }
        else if (Warmup is < 0 or >= 1)
        {
            error = $"--warmup must be in [0, 1) (got {Warmup})";
        }
        else if (TrainLimit < 0 || Patience < 0)
        {
            error = "--train-limit and --patience must not be negative";
        }
        else if (Loss == "bce" && Distance != WeightedL1Similarity.DistanceName)
        {
            error = $"--loss bce reads scores as the logit of p(same) from Koch's learned head; use --distance {WeightedL1Similarity.DistanceName}";
        }
        else if (ImageData.Validate(this) is { } dataError)
        {
            error = dataError;
        }
        else if (ClassFraction is not null && (TrainClasses is not null || TestClasses is not null))
        {
            error = "--class-fraction draws the class split at random; give it or --train-classes/--test-classes, not both";
        }
        else if (ClassFraction is <= 0 or >= 1)
        {
            error = $"--class-fraction must be between 0 and 1 (got {ClassFraction})";
        }
        else if (ValidationBy is not (null or "sample" or "class"))
        {
            error = $"--validation-by must be sample or class, not '{ValidationBy}'";
        }
        else if (EmbedLayer is not ("projection" or "hidden" or "features"))
        {
            error = $"--embed-layer must be projection, hidden or features, not '{EmbedLayer}'";
        }
        else if (EmbedLayer != "projection" && (Encoder != "cnn" || Siamese.Distances.Distance.IsLearned(Distance)))
        {
            error = $"--embed-layer {EmbedLayer} needs the cnn encoder and a fixed distance (the learned {WeightedL1Similarity.DistanceName} head only scores the projection)";
        }
        else if (Shots < 1)
        {
            error = $"--shots must be at least 1 (got {Shots})";
        }

        return error is null ? base.Validate() : ValidationResult.Error(error);
    }

    /// <summary>Parses "32,64" into [32, 64]; null when it is not a list of whole numbers.</summary>
    internal static int[]? ParseList(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>The encoder architecture these settings describe, for inputs of the given shape.</summary>
    public EncoderSpec ToEncoderSpec(int channels, int height, int width)
    {
        int[] hidden = ParseList(Hidden)!;
        EncoderSpec spec = Encoder == "mlp"
            ? new MlpEncoderSpec
            {
                InputChannels = channels, InputHeight = height, InputWidth = width,
                EmbeddingDimension = EmbeddingDimension, NormalizeOutput = Normalize,
                HiddenDimensions = hidden, BatchNorm = BatchNorm, Dropout = Dropout,
            }
            : new ConvEncoderSpec
            {
                InputChannels = channels, InputHeight = height, InputWidth = width,
                EmbeddingDimension = EmbeddingDimension, NormalizeOutput = Normalize,
                Channels = ParseList(Channels)!, KernelSizes = ParseList(KernelSizes)!, ConvolutionsPerBlock = ConvolutionsPerBlock,
                HiddenDimension = hidden.Length == 1 ? hidden[0] : throw new ArgumentException("--hidden: the CNN takes one number"),
                BatchNorm = BatchNorm, Dropout = Dropout,
                EmbeddingLayer = EmbedLayer switch
                {
                    "hidden" => EmbeddingLayer.Hidden,
                    "features" => EmbeddingLayer.Features,
                    _ => EmbeddingLayer.Projection,
                },
            };
        spec.Validate();
        return spec;
    }

    /// <summary>The impostor margin: as given, else 1.5 for the contrastive losses over L2 (the tuned recipe), else null for the loss's own default.</summary>
    public double? EffectiveMargin(string distance) =>
        Margin ?? (Loss is "contrastive" or "online-contrastive" && distance == "l2" ? 1.5 : null);

    /// <summary>The loss set-up these settings describe, with the margin to use.</summary>
    public LossSetup ToLossSetup(double? margin) => new()
    {
        Loss = Loss,
        Miner = Miner,
        Margin = margin,
        PositiveMargin = PositiveMargin,
        SecondMargin = SecondMargin,
        Temperature = Temperature,
        SoftMargin = SoftMargin,
        BatchSize = BatchSize,
        SamplesPerClass = SamplesPerClass,
        Shots = Shots,
    };

    private static string? SetupError(LossSetup setup)
    {
        try
        {
            setup.Validate();
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"--batch-size/--samples-per-class: {ex.Message}";
        }
    }

    /// <summary>The trainer options these settings describe.</summary>
    public TrainerOptions ToTrainerOptions() => new()
    {
        Optimizer = Optimizer == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam,
        LearningRate = LearningRate,
        Schedule = Schedule switch
        {
            "constant" => LearningRateSchedule.Constant,
            "step" => LearningRateSchedule.Step,
            _ => LearningRateSchedule.Cosine,
        },
        Epochs = Epochs,
        StepsPerEpoch = StepsPerEpoch,
        WarmupSteps = (int)Math.Round(Warmup * Epochs * StepsPerEpoch),
        Seed = Seed,
        EarlyStoppingPatience = Patience,
        KeepBest = Select != "last",
        SelectionMetric = Select switch
        {
            "eer" => SelectionMetric.Eer,
            "accuracy" => SelectionMetric.Accuracy,
            "loss" => SelectionMetric.Loss,
            _ => SelectionMetric.Auc,
        },
    };
}
