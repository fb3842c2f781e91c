using Siamese.Augmentation;
using Siamese.Calibration;
using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Samplers;
using Siamese.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese train</c>: data → twin network → trainer → calibrated threshold → bundle → evaluation.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        TrainingSession.CheckOutputs(settings.Output, settings.Force, settings.Resume);
        if (settings.Report is not null && !settings.NoEvaluate)
        {
            // Checked before training, not found after it: a text run writes metrics.json only when it has a test file.
            if (!settings.IsText)
            {
                ReportWriter.CheckWritable(settings.Report, settings.Force, withMap: true);
            }
            else if (settings.TestFile is not null)
            {
                CommandSupport.EnsureWritable(Path.Combine(settings.Report, TextEvaluation.MetricsFile), settings.Force);
            }
        }

        if (settings.IsText)
        {
            return TextTraining.Run(settings, cancellationToken);
        }

        var threshold = ThresholdCriterion.Parse(settings.Calibrate);
        var data = TrainingData.Load(settings);
        var (train, validation) = (data.Train, data.Validation);
        TorchEngine.Seed(settings.Seed);
        InputNormalization normalization;
        EncoderSpec spec;
        TwinNetwork network;
        int firstEpoch = 1;
        if (settings.Resume)
        {
            (var resumed, firstEpoch) = TrainingSession.Resume(settings.Output, settings.Epochs);
            (spec, network, normalization) = (resumed.Config.Encoder, resumed.Network, resumed.Config.Input.Normalization);
        }
        else
        {
            normalization = InputNormalization.ComputeFrom(train);
            spec = settings.ToEncoderSpec(train.Channels, train.Height, train.Width);
            network = new TwinNetwork(spec.Build(), Siamese.Distances.Distance.Create(settings.Distance, spec.EmbeddingDimension));
        }

        double? margin = settings.EffectiveMargin(network.Distance.Name);
        if (settings.Loss == "energy-contrastive" && margin is null)
        {
            margin = spec.NormalizeOutput ? EnergyContrastiveLoss.BoundForNormalizedEmbeddings(network.Distance, spec.EmbeddingDimension) : null;
            if (margin is null)
            {
                throw new ArgumentException("--margin: the energy contrastive loss needs its bound Q for this distance; give --margin");
            }
        }

        var setup = settings.ToLossSetup(margin);
        if (spec is ConvEncoderSpec cnn)
        {
            CommandSupport.CheckStepMemory(setup.BatchSize, cnn.ActivationValuesPerExample());
        }

        var loss = setup.CreateLoss(network.Distance);
        var sampler = setup.CreateSampler(train.Labels, settings.Seed);
        var options = settings.ToTrainerOptions() with { FirstEpoch = firstEpoch };
        var trainer = new Trainer(network, loss, options);
        IInputSource trainingInputs = new ImageSetInputSource(train, normalization);
        if (settings.Augment)
        {
            trainingInputs = new AugmentedInputSource(trainingInputs, new RandomAffine(new AffineAugmentationOptions(), settings.Seed));
        }

        var validationPairs = new BalancedPairSampler(validation.Labels, settings.Seed + 1).Next(settings.ValidationPairs);
        var validationSet = new PairValidationSet(new ImageSetInputSource(validation, normalization), validationPairs);

        ModelConfig ConfigFor(DecisionThreshold? decision, int epochsDone, TrainingResult? result) => new()
        {
            Created = DateTime.UtcNow.ToString("O"),
            Encoder = spec,
            Distance = network.Distance.Name,
            Input = new InputSpec(train.Channels, train.Height, train.Width, normalization),
            Threshold = decision,
            LabelConvention = ModelConfig.DescribeConvention(network.Distance.Name, network.Distance.LargerIsCloser),
            Training = TrainingSession.Describe(setup, loss, options, epochsDone, result, data.Description) with
            {
                Augmented = settings.Augment,
                RotatedClasses = settings.RotateClasses,
                TrainClasses = data.TrainClassNames,
                TestClasses = data.TestClassNames,
            },
        };

        AnsiConsole.MarkupLine($"Training a twin [bold]{(spec is MlpEncoderSpec ? "mlp" : "cnn")}[/] ({spec.EmbeddingDimension}-d, {network.Distance.Name}, {loss.Name}{(settings.Augment ? ", augmented" : "")}{(spec.OutputDimension != spec.EmbeddingDimension ? $"; embeds from the {settings.EmbedLayer} layer, {spec.OutputDimension}-d" : "")}) on {train.Count} images of {train.ClassCount} classes; {validation.Count} held out; {options.TotalSteps} steps of {setup.DescribeBatch()} on {TorchEngine.Threads} threads.");
        var bundle = TrainingSession.Run(trainer, network, trainingInputs, sampler, validationSet, firstEpoch, ConfigFor, threshold,
            settings.Output, settings.Force, "examples", cancellationToken);

        if (!settings.NoEvaluate && data.Test is { } test)
        {
            EvaluationRunner.Run(bundle, test, data.Gallery, new EvaluationPlan(settings.TestPairs, settings.Seed), settings.Output,
                settings.Report, settings.Force, data.ClassNames);
        }
        else if (!settings.NoEvaluate)
        {
            AnsiConsole.MarkupLine("[yellow]note:[/] every class of the folder was trained on, so there is nothing unseen to evaluate; hold classes out with --test-classes or --class-fraction, or run 'siamese evaluate --images' on other data.");
        }

        return 0;
    }
}
