using System.ComponentModel;
using System.Text.Json.Nodes;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Losses;
using Siamese.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>. The defaults are the tuned Fashion-MNIST recipe.</summary>
public sealed class TrainSettings : CommonSettings, IImageDataSettings, ITextPairSettings
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

    /// <summary>Encoder family as given, or null for the default of the data (cnn for images, lstm for text).</summary>
    [CommandOption("--encoder <KIND>")]
    [Description("Encoder: cnn or mlp for images (default cnn); lstm, gru or cnn for text pairs (default lstm).")]
    public string? EncoderOption { get; init; }

    /// <summary>The encoder family: as given, else cnn for images and lstm for text.</summary>
    public string Encoder => EncoderOption ?? (IsText ? "lstm" : "cnn");

    /// <summary>CNN: channels of each block, comma-separated.</summary>
    [CommandOption("--channels <LIST>")]
    [Description("CNN: output channels of each block, comma-separated; one block per entry.")]
    [DefaultValue("32,64,128")]
    public string Channels { get; init; } = "32,64,128";

    /// <summary>CNN: kernel size of each block, comma-separated.</summary>
    [CommandOption("--kernel-sizes <LIST>")]
    [Description("CNN: odd kernel size of each block, comma-separated (one per block; default 3,3,3). Text CNN: one parallel convolution per width (default 1,3,5).")]
    public string? KernelSizesOption { get; init; }

    /// <summary>Kernel sizes as given, else the default of the data.</summary>
    public string KernelSizes => KernelSizesOption ?? (IsText ? "1,3,5" : "3,3,3");

    /// <summary>CNN: convolutions per block.</summary>
    [CommandOption("--convs-per-block <N>")]
    [Description("CNN: convolutions in each block before its 2x2 max-pool.")]
    [DefaultValue(1)]
    public int ConvolutionsPerBlock { get; init; } = 1;

    /// <summary>Hidden fully connected units (CNN) or hidden layers (MLP).</summary>
    [CommandOption("--hidden <LIST>")]
    [Description("Hidden fully connected units: one number for the CNN (0 for none; default 256), a comma-separated list for the MLP. Text: the LSTM/GRU state size per direction, or the text CNN's filters per width (default 128).")]
    public string? HiddenOption { get; init; }

    /// <summary>Hidden units as given, else the default of the data.</summary>
    public string Hidden => HiddenOption ?? (IsText ? "128" : "256");

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
    [Description("Distance: l1, l2, squared-l2, cosine, dot, exp-l1 (MaLSTM), weighted-l1 (default l2 for images, cosine for text).")]
    public string? DistanceOption { get; init; }

    /// <summary>The distance: as given, else l2 for images and cosine for text.</summary>
    public string Distance => DistanceOption ?? (IsText ? "cosine" : "l2");

    /// <summary>Loss name.</summary>
    [CommandOption("--loss <NAME>")]
    [Description("Loss: contrastive (Hadsell 2006, random pairs), energy-contrastive (Chopra 2005), online-contrastive (pairs inside class-balanced batches), triplet, quadruplet (Chen 2017), npair (multiple negatives, InfoNCE), bce, prototypical; for graded text pairs cosent or score-mse. Default: contrastive for images; text pairs npair (binary labels) or cosent (graded scores).")]
    public string? LossOption { get; init; }

    /// <summary>The loss: as given, else contrastive for images, npair for binary text pairs and cosent for graded ones.</summary>
    public string Loss => LossOption ?? (!IsText ? "contrastive" : ScoreRange is null ? "npair" : "cosent");

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
    [Description("Epoch whose weights are kept: the best validation auc, eer, accuracy or spearman (graded text pairs), the lowest loss, or the last epoch. Default auc; spearman for graded text pairs. N-pair and batch-hard losses often do best on nearest-neighbour search with 'last'.")]
    public string? SelectOption { get; init; }

    /// <summary>The selection metric: as given, else spearman for graded text pairs and auc otherwise.</summary>
    public string Select => SelectOption ?? (IsText && ScoreRange is not null ? "spearman" : "auc");

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
    [CommandOption("--pairs <FILE>")]
    [Description("Train a text model on the pairs of this CSV/TSV file (UTF-8; a header row unless --no-header); choose its columns with --text1, --text2 and --label or --score.")]
    public string? Pairs { get; init; }

    /// <inheritdoc />
    [CommandOption("--text1 <COLUMN>")]
    [Description("Text pairs: column of the first text (the query, the word, the title): its header name, or its number counting from 1 (the first column is 1).")]
    [DefaultValue("sentence1")]
    public string Text1 { get; init; } = "sentence1";

    /// <inheritdoc />
    [CommandOption("--text2 <COLUMN>")]
    [Description("Text pairs: column of the second text (the candidate, the definition, the body): header name or 1-based number.")]
    [DefaultValue("sentence2")]
    public string Text2 { get; init; } = "sentence2";

    /// <inheritdoc />
    [CommandOption("--label <COLUMN>")]
    [Description("Text pairs: column of the binary label (header name or 1-based number; default 'label'); state its values with --same-labels and --different-labels.")]
    public string? Label { get; init; }

    /// <inheritdoc />
    [CommandOption("--score <COLUMN>")]
    [Description("Text pairs: column of a graded similarity score (header name or 1-based number); declare its range with --score-range.")]
    public string? Score { get; init; }

    /// <inheritdoc />
    [CommandOption("--score-range <MIN,MAX>")]
    [Description("Text pairs: range of the graded scores, e.g. 0,5; they are rescaled to [[0, 1]].")]
    public string? ScoreRange { get; init; }

    /// <inheritdoc />
    [CommandOption("--same-labels <LIST>")]
    [Description("Text pairs: label values meaning same, comma-separated, e.g. 1,duplicate.")]
    public string? SameLabels { get; init; }

    /// <inheritdoc />
    [CommandOption("--different-labels <LIST>")]
    [Description("Text pairs: label values meaning different, comma-separated, e.g. 0,unrelated.")]
    public string? DifferentLabels { get; init; }

    /// <inheritdoc />
    [CommandOption("--no-header")]
    [Description("Text pairs: the pair files have no header row; choose the columns by number, e.g. for the STS Benchmark files as published: --no-header --text1 6 --text2 7 --score 5 --score-range 0,5.")]
    public bool NoHeader { get; init; }

    /// <inheritdoc />
    [CommandOption("--quoting <MODE>")]
    [Description("Text pairs: none (a tab or line end ends every field, a quote is text; default for tab-separated files) or rfc4180 (a field in double quotes may hold the delimiter, line breaks and doubled quotes; default for other files).")]
    public string? Quoting { get; init; }

    /// <inheritdoc />
    [CommandOption("--delimiter <CHAR>")]
    [Description("Text pairs: tab, comma, semicolon, pipe or one character. Default: tab for .tsv/.tab files or when the first line holds a tab, else comma.")]
    public string? Delimiter { get; init; }

    /// <summary>Validation pair file.</summary>
    [CommandOption("--validation-file <FILE>")]
    [Description("Text pairs: held-out pairs (same columns) for choosing the epoch and calibrating the threshold; default: --validation-fraction of --pairs.")]
    public string? ValidationFile { get; init; }

    /// <summary>Test pair file.</summary>
    [CommandOption("--test-file <FILE>")]
    [Description("Text pairs: pairs (same columns) to evaluate the model on after training.")]
    public string? TestFile { get; init; }

    /// <summary>Baseline to measure beside the model.</summary>
    [CommandOption("--baseline <NAME>")]
    [Description("Text pairs: also measure this baseline on the test pairs, fitted on the training texts only: tfidf (TF-IDF cosine).")]
    public string? Baseline { get; init; }

    /// <summary>Second branch of a pseudo-Siamese network.</summary>
    [CommandOption("--second-encoder <KIND>")]
    [Description("Text pairs: give the second texts their own encoder (pseudo-Siamese, no weight shared): lstm, gru or cnn. Default: one shared encoder (twin).")]
    public string? SecondEncoder { get; init; }

    /// <summary>One word-vector table for both branches of a pseudo-Siamese network.</summary>
    [CommandOption("--share-word-vectors")]
    [Description("Text pairs with --second-encoder: both branches read one word-vector table (what is learned about a word on one side serves the other) and keep their own sequence models and projections.")]
    public bool ShareWordVectors { get; init; }

    /// <summary>Word vector length.</summary>
    [CommandOption("--word-dim <N>")]
    [Description("Text: length of the word vectors (sum of hashed word and character n-gram vectors).")]
    [DefaultValue(64)]
    public int WordDimension { get; init; } = 64;

    /// <summary>Recurrent layers.</summary>
    [CommandOption("--layers <N>")]
    [Description("Text: stacked LSTM/GRU layers.")]
    [DefaultValue(1)]
    public int Layers { get; init; } = 1;

    /// <summary>Bidirectional recurrence.</summary>
    [CommandOption("--bidirectional <BOOL>")]
    [Description("Text: read each text both ways (true/false).")]
    [DefaultValue(true)]
    public bool Bidirectional { get; init; } = true;

    /// <summary>Pooling over words.</summary>
    [CommandOption("--pooling <NAME>")]
    [Description("Text: how word states become one vector: mean, max or last (LSTM/GRU only).")]
    [DefaultValue("mean")]
    public string Pooling { get; init; } = "mean";

    /// <summary>Hash buckets.</summary>
    [CommandOption("--buckets <N>")]
    [Description("Text: hash buckets for words and character n-grams (the word vector table has one row per bucket).")]
    [DefaultValue(1 << 17)]
    public int Buckets { get; init; } = 1 << 17;

    /// <summary>Maximum words per text.</summary>
    [CommandOption("--max-words <N>")]
    [Description("Text: longer texts are truncated to this many words.")]
    [DefaultValue(64)]
    public int MaxWords { get; init; } = 64;

    /// <summary>Lower-casing.</summary>
    [CommandOption("--lowercase <BOOL>")]
    [Description("Text: lower-case before hashing (true/false).")]
    [DefaultValue(true)]
    public bool Lowercase { get; init; } = true;

    /// <summary>Accent stripping.</summary>
    [CommandOption("--strip-accents")]
    [Description("Text: remove accents (café = cafe).")]
    public bool StripAccents { get; init; }

    /// <summary>Character n-gram lengths.</summary>
    [CommandOption("--ngrams <MIN,MAX>")]
    [Description("Text: lengths of the hashed character n-grams of each word, e.g. 3,5.")]
    [DefaultValue("3,5")]
    public string Ngrams { get; init; } = "3,5";

    /// <summary>Whether this run trains a text model on pairs.</summary>
    public bool IsText => Pairs is not null;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        string? error = null;
        if (IsText && TextError() is { } textError)
        {
            error = textError;
        }
        else if (PairListError() is { } pairListError)
        {
            error = pairListError;
        }
        else if (!IsText && Encoder is not ("cnn" or "mlp"))
        {
            error = $"--encoder must be cnn or mlp, not '{Encoder}'";
        }
        else if (!Siamese.Distances.Distance.Names.Contains(Distance))
        {
            error = $"--distance must be one of {string.Join(", ", Siamese.Distances.Distance.Names)}, not '{Distance}'";
        }
        else if (!LossCatalog.Contains(Loss))
        {
            error = $"--loss must be one of {string.Join(", ", LossCatalog.Names)}, not '{Loss}'";
        }
        else if (Miner is not null && !MinerNames(Loss).Contains(Miner))
        {
            error = $"--miner: the {Loss} loss takes {string.Join(", ", MinerNames(Loss))}, not '{Miner}'";
        }
        else if (Select is not ("auc" or "eer" or "accuracy" or "loss" or "last" or "spearman"))
        {
            error = $"--select must be auc, eer, accuracy, spearman, loss or last, not '{Select}'";
        }
        else if (Select == "spearman" && !(IsText && ScoreRange is not null))
        {
            error = "--select spearman needs graded text pairs (--pairs with --score-range)";
        }
        else if (LimitError() is { } limitError)
        {
            error = limitError;
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
        else if (SetupError(ToLossSpec(Margin)) is { } setupError)
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
        else if (!IsText && ImageData.Validate(this) is { } dataError)
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

    /// <summary>The first count option above its <see cref="OptionLimits"/> bound, or an epoch and step count that overflows.</summary>
    private string? LimitError()
    {
        int[] channels = ParseList(Channels) ?? [];
        int[] kernels = ParseList(KernelSizes) ?? [];
        int[] hidden = ParseList(Hidden) ?? [];
        return OptionLimits.FirstExceeded(
                ("--batch-size", BatchSize, OptionLimits.BatchSize),
                ("--samples-per-class", SamplesPerClass, OptionLimits.BatchSize),
                ("--validation-pairs", ValidationPairs, OptionLimits.Pairs),
                ("--test-pairs", TestPairs, OptionLimits.Pairs),
                ("--embedding-dim", EmbeddingDimension, OptionLimits.Width),
                ("--word-dim", WordDimension, OptionLimits.Width),
                ("--hidden", hidden.DefaultIfEmpty().Max(), OptionLimits.Width),
                ("--channels", channels.DefaultIfEmpty().Max(), OptionLimits.Width),
                ("--channels (blocks)", channels.Length, OptionLimits.Blocks),
                ("--hidden (layers)", hidden.Length, OptionLimits.Layers),
                ("--kernel-sizes", kernels.DefaultIfEmpty().Max(), OptionLimits.Kernel),
                ("--convs-per-block", ConvolutionsPerBlock, OptionLimits.Layers),
                ("--layers", Layers, OptionLimits.Layers))
            ?? ((long)Epochs * StepsPerEpoch > int.MaxValue
                ? $"--epochs x --steps-per-epoch must be at most {int.MaxValue} steps (got {(long)Epochs * StepsPerEpoch})"
                : null);
    }

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

    private string? TextError()
    {
        string[] textKinds = ["lstm", "gru", "cnn"];
        if (Images is not null || Data is not null || TrainClasses is not null || TestClasses is not null || ClassFraction is not null || Augment || RotateClasses)
        {
            return "--pairs trains a text model; --data, --images, --train-classes, --test-classes, --class-fraction, --augment and --rotate-classes are for images";
        }

        if (!textKinds.Contains(Encoder) || (SecondEncoder is not null && !textKinds.Contains(SecondEncoder)))
        {
            return $"--encoder and --second-encoder for text must be lstm, gru or cnn, not '{(textKinds.Contains(Encoder) ? SecondEncoder : Encoder)}'";
        }

        if (!LossCatalog.PairListNames.Contains(Loss))
        {
            return $"--loss: text pairs train with {string.Join(", ", LossCatalog.PairListNames)}, not '{Loss}' (it needs class labels)";
        }

        if (TextPairData.LabelError(this) is { } labelError)
        {
            return labelError;
        }

        if (Pooling is not ("mean" or "max" or "last") || (Pooling == "last" && (Encoder == "cnn" || SecondEncoder == "cnn")))
        {
            return $"--pooling must be mean, max or last (last only for lstm and gru), not '{Pooling}'";
        }

        if (WordDimension < 1 || Layers < 1 || Buckets < 1 || MaxWords < 1 || ParseList(Hidden) is not [>= 1])
        {
            return "--word-dim, --layers, --buckets, --max-words must be at least 1 and --hidden one whole number of at least 1 for text";
        }

        if (ParseList(Ngrams) is not [>= 1 and var low, var high] || high < low)
        {
            return $"--ngrams must be MIN,MAX with 1 <= MIN <= MAX, e.g. 3,5, not '{Ngrams}'";
        }

        if (ShareWordVectors && SecondEncoder is null)
        {
            return "--share-word-vectors shares the table between two encoders; give --second-encoder";
        }

        if (Baseline is not (null or "tfidf"))
        {
            return $"--baseline must be tfidf, not '{Baseline}'";
        }

        if (SecondEncoder is not null && Siamese.Distances.Distance.IsLearned(Distance))
        {
            return $"--distance {Distance} is a learned head for twins; a pseudo-Siamese network takes a fixed distance";
        }

        return LossCatalog.GradedNames.Contains(Loss) && !Siamese.Distances.Distance.Create(Distance, 2).LargerIsCloser
            ? $"--loss {Loss} regresses a similarity in [0, 1]; use --distance cosine or exp-l1, not '{Distance}'"
            : null;
    }

    /// <summary>The tokenizer these settings describe.</summary>
    public Siamese.Text.TokenizerSettings ToTokenizerSettings()
    {
        int[] ngrams = ParseList(Ngrams)!;
        var settings = new Siamese.Text.TokenizerSettings
        {
            Lowercase = Lowercase,
            StripAccents = StripAccents,
            MaxTokens = MaxWords,
            MinNgram = ngrams[0],
            MaxNgram = ngrams[1],
            BucketCount = Buckets,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>A text encoder of <paramref name="kind"/> (lstm, gru or cnn) as these settings describe it.</summary>
    public TextEncoderSpec ToTextEncoderSpec(string kind, Siamese.Text.TokenizerSettings tokenizer)
    {
        var spec = new TextEncoderSpec
        {
            VocabularySize = tokenizer.VocabularySize,
            WordDimension = WordDimension,
            SequenceModel = kind switch
            {
                "gru" => TextEncoderKind.Gru,
                "cnn" => TextEncoderKind.Cnn,
                _ => TextEncoderKind.Lstm,
            },
            HiddenDimension = ParseList(Hidden)![0],
            Layers = Layers,
            Bidirectional = Bidirectional,
            KernelSizes = ParseList(KernelSizes)!,
            Pooling = Pooling switch
            {
                "max" => TextPooling.Max,
                "last" => TextPooling.Last,
                _ => TextPooling.Mean,
            },
            EmbeddingDimension = EmbeddingDimension,
            NormalizeOutput = Normalize,
        };
        spec.Validate();
        return spec;
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

    /// <summary>The encoder architecture these settings describe, for inputs of the given shape (validated unless told not to, when the shape is a placeholder).</summary>
    public EncoderSpec ToEncoderSpec(int channels, int height, int width, bool validate = true)
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
        if (validate)
        {
            spec.Validate();
        }

        return spec;
    }

    /// <summary>The impostor margin: as given, else 1.5 for the contrastive losses over L2 (the tuned recipe), else null for the loss's own default.</summary>
    public double? EffectiveMargin(string distance) =>
        Margin ?? (Loss is "contrastive" or "online-contrastive" && distance == "l2" ? 1.5 : null);

    /// <summary>
    /// The loss spec these settings describe, with the margin to use: the loss's catalog record with the options it
    /// has (a margin option the loss does not take is left out, as each loss's record holds only its own settings).
    /// </summary>
    public LossSpec ToLossSpec(double? margin) => LossCatalog.Create(Loss, new JsonObject
    {
        ["miner"] = Miner,
        ["margin"] = margin,
        ["positiveMargin"] = PositiveMargin,
        ["secondMargin"] = SecondMargin,
        ["temperature"] = Temperature,
        ["softMargin"] = SoftMargin,
        ["batchSize"] = BatchSize,
        ["samplesPerClass"] = SamplesPerClass,
        ["shots"] = Shots,
    });

    /// <summary>The miners' names the loss takes, its default first.</summary>
    private static IEnumerable<string> MinerNames(string loss) => LossCatalog.Create(loss).Miners.Select(LossSpec.MinerName);

    private string? SetupError(LossSpec spec)
    {
        bool fromPairList = IsText || PairList is not null;
        if (fromPairList && spec.PairListPlan is null)
        {
            return $"--miner: the {Loss} loss with the {LossSpec.MinerName(spec.EffectiveMiner)} miner needs class labels; a pair list trains it with --miner none";
        }

        if (!fromPairList && spec.ClassLabelPlan is null)
        {
            return $"--loss: the {Loss} loss learns from scored pairs, not class labels; train it on --pairs";
        }

        try
        {
            spec.Validate(fromPairList);
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
            "spearman" => SelectionMetric.Spearman,
            _ => SelectionMetric.Auc,
        },
    };
}
