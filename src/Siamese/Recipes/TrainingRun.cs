using Siamese.Augmentation;
using Siamese.Calibration;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Samplers;
using Siamese.Sources;
using Siamese.Text;
using Siamese.Training;

namespace Siamese.Recipes;

/// <summary>
/// Executes a <see cref="TrainingRecipe"/>: reads and splits its data, builds the network (or takes a checkpoint's),
/// the loss, the batches and the trainer, trains with a checkpoint after every epoch, then calibrates the decision
/// threshold on the validation pairs as a step of its own and returns the model bundle, which keeps the recipe.
/// The same recipe and seed at the same thread count give the same weights, whoever runs it (the CLI's
/// <c>siamese train</c> binds its options to a recipe and runs it through this class).
/// </summary>
public sealed class TrainingRun
{
    private readonly DataSplits data;
    private readonly TwinNetwork network;
    private readonly ModelConfig architecture;
    private readonly MetricLoss loss;
    private readonly IBatchSampler sampler;
    private readonly IInputSource inputs;
    private readonly PairValidationSet validation;
    private readonly IEvaluator evaluator;
    private readonly ThresholdCriterion criterion;

    private TrainingRun(TrainingRecipe recipe, DataSplits data, TwinNetwork network, ModelConfig architecture, LossSpec lossSpec, MetricLoss loss,
        IBatchSampler sampler, IInputSource inputs, PairValidationSet validation, IEvaluator evaluator, TrainerOptions options, ThresholdCriterion criterion)
    {
        Recipe = recipe;
        this.data = data;
        this.network = network;
        this.architecture = architecture;
        LossSpec = lossSpec;
        this.loss = loss;
        this.sampler = sampler;
        this.inputs = inputs;
        this.validation = validation;
        this.evaluator = evaluator;
        Options = options;
        this.criterion = criterion;
        Trainer = new Trainer(network, loss, options);
    }

    /// <summary>The recipe being run.</summary>
    public TrainingRecipe Recipe { get; }

    /// <summary>The data as read and split.</summary>
    public DataSplits Data => data;

    /// <summary>The network being trained.</summary>
    public TwinNetwork Network => network;

    /// <summary>The architecture the bundle records (encoders with their input shape, distance, tokenizer).</summary>
    public ModelConfig Architecture => architecture;

    /// <summary>The recipe's loss spec with every default that depends on the embeddings resolved (e.g. the energy bound).</summary>
    public LossSpec LossSpec { get; }

    /// <summary>The loss.</summary>
    public MetricLoss Loss => loss;

    /// <summary>The trainer's settings (the recipe's, starting at the checkpoint's next epoch when resuming).</summary>
    public TrainerOptions Options { get; }

    /// <summary>
    /// What each epoch is validated on: the validation pairs, and for labelled images also retrieval among the
    /// validation images (1-NN, MAP@R); the kept epoch is the best by <see cref="TrainerOptions.Select"/>, else by the
    /// loss's <see cref="LossSpec.SelectionMetric"/> when the evaluation gives it, else by the pairs' AUC (Spearman when graded).
    /// </summary>
    public IEvaluator Validation => evaluator;

    /// <summary>The trainer.</summary>
    public Trainer Trainer { get; }

    /// <summary>What one training throughput unit counts: "texts" for text pairs, "examples" for images.</summary>
    public string Unit => data.Train is TextPairs ? "texts" : "examples";

    /// <summary>Executes a recipe from the start: <see cref="Prepare"/>, <see cref="Fit"/>, <see cref="Calibrate"/> and <see cref="BundleOf"/>.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="progress">Receives a report after every step and every epoch.</param>
    /// <param name="checkpoint">Receives the model after every epoch (uncalibrated), e.g. to save it; null for none.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <exception cref="OperationCanceledException">Cancelled before the run ended.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the weights stopped being finite.</exception>
    public static TrainedModel Execute(
        TrainingRecipe recipe,
        IProgress<TrainingProgress>? progress = null,
        Action<ModelBundle>? checkpoint = null,
        CancellationToken cancellationToken = default)
    {
        var run = Prepare(recipe);
        var result = run.Fit(progress, checkpoint, cancellationToken);
        return new TrainedModel(run.BundleOf(run.Calibrate(), result), result, run.Data);
    }

    /// <summary>
    /// Reads the data and builds everything the recipe trains, without training: a fresh network, or the network of
    /// <paramref name="resumeFrom"/> to train on from <paramref name="firstEpoch"/>.
    /// </summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="resumeFrom">A checkpoint of an earlier run of this recipe, or null to start afresh.</param>
    /// <param name="firstEpoch">The first epoch to run (1 unless resuming).</param>
    /// <exception cref="ArgumentException">The recipe is invalid or does not fit its data.</exception>
    public static TrainingRun Prepare(TrainingRecipe recipe, ModelBundle? resumeFrom = null, int firstEpoch = 1)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        int seed = recipe.Seed;
        var criterion = ThresholdCriterion.Parse(recipe.Calibration);
        var data = recipe.Data.Load(seed);
        TorchEngine.Seed(seed);
        var options = recipe.Training with { FirstEpoch = firstEpoch };
        return data.Train switch
        {
            LabelledImages train => ForLabelledImages(recipe, data, train.Images, ((LabelledImages)data.Validation).Images, resumeFrom, options, criterion),
            ImagePairs train => ForImagePairs(recipe, data, train, (ImagePairs)data.Validation, resumeFrom, options, criterion),
            TextPairs train => ForTextPairs(recipe, data, train.Pairs, ((TextPairs)data.Validation).Pairs, resumeFrom, options, criterion),
            _ => throw new ArgumentException($"data: a {data.Train.GetType().Name} part cannot be trained on"),
        };
    }

    /// <summary>Trains; the network ends with the kept epoch's weights.</summary>
    /// <param name="progress">Receives a report after every step and every epoch.</param>
    /// <param name="checkpoint">Receives the model after every epoch (uncalibrated); null for none.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <exception cref="OperationCanceledException">Cancelled; the network holds the last completed epoch's weights.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the weights stopped being finite.</exception>
    public TrainingResult Fit(IProgress<TrainingProgress>? progress, Action<ModelBundle>? checkpoint, CancellationToken cancellationToken)
    {
        var result = Trainer.Fit(inputs, sampler, evaluator, progress,
            summary => checkpoint?.Invoke(new ModelBundle(ConfigFor(null, summary.Epoch, null), network)),
            cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    /// <summary>Calibrates the decision threshold on the validation pairs, with the network's current weights.</summary>
    /// <exception cref="ArgumentException">No threshold meets the criterion on these pairs.</exception>
    public DecisionThreshold Calibrate() =>
        ThresholdCalibrator.Calibrate(validation.Scores(network), validation.Pairs.IsSame(), network.Distance.LargerIsCloser, criterion);

    /// <summary>The model bundle of the trained network with its threshold and what the run did (recipe included).</summary>
    public ModelBundle BundleOf(DecisionThreshold threshold, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(result);
        return new ModelBundle(ConfigFor(threshold, result.Epochs.Count == 0 ? Options.FirstEpoch - 1 : result.Epochs[^1].Epoch, result), network);
    }

    private static TrainingRun ForLabelledImages(TrainingRecipe recipe, DataSplits data, LabeledImageSet train, LabeledImageSet validation,
        ModelBundle? resumeFrom, TrainerOptions options, ThresholdCriterion criterion)
    {
        var (network, architecture) = ImageNetwork(recipe, train, resumeFrom);
        var normalization = ((ImageInput)architecture.Branches[0].Input).Normalization;
        var spec = recipe.Loss.ForEmbeddings(network.Distance, architecture.Encoder.EmbeddingDimension, architecture.Encoder.NormalizeOutput);
        var loss = spec.Build(network.Distance);
        var sampler = spec.CreateSampler(train.Labels, recipe.Seed);
        IInputSource inputs = new ImageSetInputSource(train, normalization);
        if (recipe.Augment)
        {
            inputs = new AugmentedInputSource(inputs, new RandomAffine(new AffineAugmentationOptions(), recipe.Seed));
        }

        var validationPairs = new BalancedPairSampler(validation.Labels, recipe.Seed + 1).Next(recipe.ValidationPairs);
        var validationInputs = new ImageSetInputSource(validation, normalization);
        var validationSet = new PairValidationSet(validationInputs, validationPairs);
        int[] labels = [.. validation.Labels];
        var names = recipe.ValidationOrDefault;
        IEvaluator[] extra = [.. names.Distinct().Select(name => name switch
        {
            "few-shot" => new FewShotValidationSet(validationInputs, labels, new FewShotOptions { Seed = recipe.Seed }),
            "open-set" => new OpenSetValidationSet(validationInputs, labels, new OpenSetOptions { Seed = recipe.Seed }),
            _ => (IEvaluator)new RetrievalValidationSet(validationInputs, labels),
        })];
        // The loss's own figure leads when an evaluator of this run gives it (the pairs give theirs always).
        string? preferred = spec.SelectionMetric is { } metric && (TrainingRecipe.ValidationEvaluatorFor(metric) is not { } needed || names.Contains(needed))
            ? metric
            : null;
        if (recipe.Validation is not null)
        {
            // Asked-for evaluators are tried once on the untrained network, so a validation part they cannot measure
            // (too few classes for the episodes) is refused before training rather than after the first epoch.
            foreach (var part in extra)
            {
                try
                {
                    part.Evaluate(network);
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"validation: {part.Name} cannot be measured on the validation images: {ex.Message}", ex);
                }
            }
        }

        var evaluator = new EvaluatorSequence(preferred, [validationSet, .. extra]);
        return Checked(new TrainingRun(recipe, data, network, architecture, spec, loss, sampler, inputs, validationSet, evaluator, options, criterion));
    }

    private static TrainingRun ForImagePairs(TrainingRecipe recipe, DataSplits data, ImagePairs train, ImagePairs validation,
        ModelBundle? resumeFrom, TrainerOptions options, ThresholdCriterion criterion)
    {
        if (recipe.Augment)
        {
            throw new ArgumentException("augment: distortions are drawn per training image of a labelled set; a pair list trains without them");
        }

        var (network, architecture) = ImageNetwork(recipe, train.Images, resumeFrom);
        var normalization = ((ImageInput)architecture.Branches[0].Input).Normalization;
        var spec = recipe.Loss.ForEmbeddings(network.Distance, architecture.Encoder.EmbeddingDimension, architecture.Encoder.NormalizeOutput);
        var loss = spec.Build(network.Distance);
        var sampler = spec.CreatePairSampler(train.Pairs, null, recipe.Seed);
        var validationSet = new PairValidationSet(new ImageSetInputSource(validation.Images, normalization), validation.Pairs);
        return Checked(new TrainingRun(recipe, data, network, architecture, spec, loss, sampler, new ImageSetInputSource(train.Images, normalization), validationSet, validationSet, options, criterion));
    }

    private static TrainingRun ForTextPairs(TrainingRecipe recipe, DataSplits data, TextPairSet train, TextPairSet validation,
        ModelBundle? resumeFrom, TrainerOptions options, ThresholdCriterion criterion)
    {
        var model = recipe.Model;
        var architecture = resumeFrom is { Config: var resumed }
            ? new ModelConfig
            {
                Encoder = resumed.Encoder, SecondEncoder = resumed.SecondEncoder, ShareWordVectors = resumed.ShareWordVectors,
                Distance = resumed.Distance, Input = resumed.Input, Tokenizer = resumed.Tokenizer,
            }
            : new ModelConfig
            {
                Encoder = model.Encoder, SecondEncoder = model.SecondEncoder, ShareWordVectors = model.ShareWordVectors,
                Distance = model.Distance,
                Tokenizer = model.Tokenizer ?? throw new ArgumentException("model: a text model needs its tokenizer settings"),
            };
        if (architecture.Encoder is not ITokenEncoderSpec || architecture.Tokenizer is null)
        {
            throw new ArgumentException("model: text pairs train a text encoder (lstm, gru or cnn) with a tokenizer");
        }

        // ModelBundle builds a fresh network from the architecture, so one place decides what is buildable.
        var network = resumeFrom?.Network ?? ModelBundle.CreateNetwork(architecture);
        var tokenizer = new HashingTokenizer(architecture.Tokenizer);
        var spec = recipe.Loss.ForEmbeddings(network.Distance, architecture.Encoder.EmbeddingDimension, architecture.Encoder.NormalizeOutput);
        var loss = spec.Build(network.Distance);
        var sampler = spec.CreatePairSampler(TextPairItems.Of(train), train.Targets, recipe.Seed);
        var inputs = TextInputSource.ForPairs(train, tokenizer);
        var validationSet = new PairValidationSet(TextInputSource.ForPairs(validation, tokenizer), TextPairItems.Of(validation))
        {
            Targets = validation.IsGraded ? validation.Targets : null,
        };
        return Checked(new TrainingRun(recipe, data, network, architecture, spec, loss, sampler, inputs, validationSet, validationSet, options, criterion));
    }

    /// <summary>An image network for the training images: the checkpoint's, or a fresh one whose encoder takes their shape.</summary>
    private static (TwinNetwork Network, ModelConfig Architecture) ImageNetwork(TrainingRecipe recipe, LabeledImageSet train, ModelBundle? resumeFrom)
    {
        if (resumeFrom is { Config: var resumed })
        {
            var kept = new ModelConfig { Encoder = resumed.Encoder, Distance = resumed.Distance, Input = resumed.Input };
            return (resumeFrom.Network, kept);
        }

        if (recipe.Model.SecondEncoder is not null || recipe.Model.Encoder is ITokenEncoderSpec)
        {
            throw new ArgumentException("model: image data trains a twin image encoder (cnn or mlp)");
        }

        var normalization = InputNormalization.ComputeFrom(train);
        var spec = recipe.Model.Encoder with { InputChannels = train.Channels, InputHeight = train.Height, InputWidth = train.Width };
        spec.Validate();
        var network = new TwinNetwork(spec.Build(), Distances.Distance.Create(recipe.Model.Distance, spec.EmbeddingDimension));
        return (network, new ModelConfig { Encoder = spec, Distance = network.Distance.Name, Input = new InputSpec(train.Channels, train.Height, train.Width, normalization) });
    }

    /// <summary>Refuses, before any training, validation pairs on which no threshold can be calibrated.</summary>
    private static TrainingRun Checked(TrainingRun run)
    {
        var isSame = run.validation.Pairs.IsSame();
        if (!isSame.Contains(true) || !isSame.Contains(false))
        {
            throw new ArgumentException(
                $"the {isSame.Length} validation pairs are all '{(isSame.Contains(true) ? "same" : "different")}': the decision threshold " +
                "cannot be calibrated on them; validation needs pairs of both kinds");
        }

        return run;
    }

    private ModelConfig ConfigFor(DecisionThreshold? decision, int epochsDone, TrainingResult? result) => architecture with
    {
        Created = DateTime.UtcNow.ToString("O"),
        Threshold = decision,
        LabelConvention = ModelConfig.DescribeConvention(network.Distance.Name, network.Distance.LargerIsCloser),
        Training = Describe(epochsDone, result),
    };

    /// <summary>What the bundle records of the run: the loss and its settings, batches, schedule, data, and the recipe itself.</summary>
    private TrainingInfo Describe(int epochsDone, TrainingResult? result) => new()
    {
        Loss = LossSpec.Name,
        Miner = LossSpec.MinerName(LossSpec.EffectiveMiner),
        Margin = loss switch
        {
            ContrastiveLoss c => c.Margin,
            EnergyContrastiveLoss e => e.UpperBound,
            TripletMarginLoss t => t.Soft ? null : t.Margin,
            QuadrupletLoss q => q.Margin,
            _ => null,
        },
        PositiveMargin = (loss as ContrastiveLoss)?.PositiveMargin,
        SecondMargin = (loss as QuadrupletLoss)?.SecondMargin,
        Temperature = loss switch
        {
            NPairLoss n => n.Temperature,
            PrototypicalLoss p => p.Temperature,
            _ => null,
        },
        Shots = (loss as PrototypicalLoss)?.Shots,
        Epochs = epochsDone,
        BestEpoch = result?.BestEpoch ?? 0,
        BatchSize = LossSpec.BatchSize,
        LearningRate = Options.LearningRate,
        Seed = Options.Seed,
        Data = data.Description,
        Seconds = result?.Elapsed.TotalSeconds ?? 0,
        Augmented = Recipe.Augment,
        RotatedClasses = Recipe.Data is FashionMnistSource { Split.RotateClasses: true } or ImageFolderSource { Split.RotateClasses: true },
        TrainClasses = data.TrainClassNames,
        TestClasses = data.TestClassNames,
        Recipe = RecipeJson.ToElement(Recipe),
    };
}
