using Siamese.Calibration;
using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Text;
using Siamese.Training;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese train --pairs</c>: text pairs → twin or pseudo-Siamese text network → trainer → calibrated threshold → bundle → evaluation.</summary>
internal static class TextTraining
{
    public static int Run(TrainSettings settings, CancellationToken cancellationToken)
    {
        string pairsFile = settings.Pairs!;
        var threshold = ThresholdCriterion.Parse(settings.Calibrate);
        var all = TextPairData.Load(pairsFile, settings);
        var (train, validation, validationSource) = settings.ValidationFile is { } validationFile
            ? (all, TextPairData.Load(validationFile, settings), validationFile)
            : Split(all, settings.ValidationFraction, settings.Seed, pairsFile);
        var test = settings.TestFile is { } testFile && !settings.NoEvaluate ? TextPairData.Load(testFile, settings) : null;
        if (validation.IsGraded != train.IsGraded || (test is not null && test.IsGraded != train.IsGraded))
        {
            throw new ArgumentException("the training, validation and test pairs must all be binary or all graded");
        }

        TorchEngine.Seed(settings.Seed);
        TokenizerSettings tokenizerSettings;
        TextEncoderSpec spec;
        TextEncoderSpec? secondSpec;
        bool shareWordVectors = settings.ShareWordVectors;
        string distance = settings.Distance;
        TwinNetwork? resumedNetwork = null;
        int firstEpoch = 1;
        if (settings.Resume)
        {
            (var resumed, firstEpoch) = TrainingSession.Resume(settings.Output, settings.Epochs);
            if (resumed.Config.Encoder is not TextEncoderSpec resumedSpec || resumed.Config.Tokenizer is null)
            {
                throw new ArgumentException($"{TrainingSession.CheckpointOf(settings.Output)}: the checkpoint is not a text model");
            }

            (spec, secondSpec, tokenizerSettings, resumedNetwork) = (resumedSpec, resumed.Config.SecondEncoder as TextEncoderSpec, resumed.Config.Tokenizer, resumed.Network);
            (shareWordVectors, distance) = (resumed.Config.ShareWordVectors, resumed.Network.Distance.Name);
        }
        else
        {
            tokenizerSettings = settings.ToTokenizerSettings();
            spec = settings.ToTextEncoderSpec(settings.Encoder, tokenizerSettings);
            secondSpec = settings.SecondEncoder is { } second ? settings.ToTextEncoderSpec(second, tokenizerSettings) : null;
        }

        // The architecture the bundle records; ModelBundle builds a fresh network from it, so one place decides what is buildable.
        var architecture = new ModelConfig
        {
            Encoder = spec,
            SecondEncoder = secondSpec,
            ShareWordVectors = shareWordVectors,
            Distance = distance,
            Input = new InputSpec(0, 0, 0, InputNormalization.Identity),
            Tokenizer = tokenizerSettings,
        };
        var network = resumedNetwork ?? ModelBundle.CreateNetwork(architecture);

        var tokenizer = new HashingTokenizer(tokenizerSettings);
        var setup = settings.ToLossSetup(settings.EffectiveMargin(network.Distance.Name));
        var loss = setup.CreateLoss(network.Distance);
        var sampler = setup.CreatePairSampler(train.ItemPairs(), train.Targets, settings.Seed);
        var options = settings.ToTrainerOptions() with { FirstEpoch = firstEpoch };
        var trainer = new Trainer(network, loss, options);
        var inputs = TextInputSource.ForPairs(train, tokenizer);
        var validationSet = new PairValidationSet(TextInputSource.ForPairs(validation, tokenizer), validation.ItemPairs())
        {
            Targets = validation.IsGraded ? validation.Targets : null,
        };

        string description = $"{pairsFile}: {train.Count} pairs ({(train.IsGraded ? "graded" : $"{train.PositiveCount} same")}), {train.FirstTexts.Count} + {train.SecondTexts.Count} distinct texts; validation {validationSource} ({validation.Count} pairs)";
        ModelConfig ConfigFor(DecisionThreshold? decision, int epochsDone, TrainingResult? result) => architecture with
        {
            Created = DateTime.UtcNow.ToString("O"),
            Threshold = decision,
            LabelConvention = ModelConfig.DescribeConvention(network.Distance.Name, network.Distance.LargerIsCloser),
            Training = TrainingSession.Describe(setup, loss, options, epochsDone, result, description),
        };

        string shape = secondSpec is null
            ? $"twin [bold]{Markup.Escape(Describe(spec))}[/] (shared weights)"
            : $"pseudo-Siamese [bold]{Markup.Escape(Describe(spec))}[/] | [bold]{Markup.Escape(Describe(secondSpec))}[/] ({(shareWordVectors ? "one word-vector table, separate sequence models" : "no weight shared")})";
        AnsiConsole.MarkupLine($"Training a {shape} ({spec.EmbeddingDimension}-d, {network.Distance.Name}, {loss.Name}) on {Markup.Escape(description)}; {options.TotalSteps} steps of {setup.BatchSize / 2} pairs on {TorchEngine.Threads} threads.");
        var bundle = TrainingSession.Run(trainer, network, inputs, sampler, validationSet, firstEpoch, ConfigFor, threshold,
            settings.Output, settings.Force, "texts", cancellationToken);

        if (test is null && !settings.NoEvaluate)
        {
            AnsiConsole.MarkupLine("[yellow]note:[/] no --test-file, so nothing was evaluated; measure the model with 'siamese evaluate --pairs FILE' (add --baseline tfidf to see TF-IDF beside it).");
        }

        if (test is not null)
        {
            var baseline = settings.Baseline is null ? null : new TextBaseline(train, validation, threshold);
            TextEvaluation.Run(bundle, test, settings.TestFile!, baseline, settings.Report, settings.Force);
        }

        return 0;
    }

    private static string Describe(TextEncoderSpec spec) => spec.SequenceModel switch
    {
        TextEncoderKind.Cnn => $"cnn[{string.Join(",", spec.KernelSizes)}]",
        var kind => $"{(spec.Bidirectional ? "bi" : "")}{kind.ToString().ToLowerInvariant()}",
    } + $"-{spec.Pooling.ToString().ToLowerInvariant()}";

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
