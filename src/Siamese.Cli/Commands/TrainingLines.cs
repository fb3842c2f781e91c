using Siamese.Calibration;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Persistence;
using Siamese.Recipes;
using Siamese.Sources;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary>What <c>siamese train</c> prints around a run: the line that says what is trained, and the evaluation on the test part.</summary>
internal static class TrainingLines
{
    /// <summary>One line: the network, its loss, the data and the steps, as console markup.</summary>
    public static string Describe(TrainingRun run)
    {
        var network = run.Network;
        var spec = run.Architecture.Encoder;
        string steps = $"{run.Options.TotalSteps} steps of";
        string threads = $"on {TorchEngine.Threads} threads.";
        switch (run.Data.Train)
        {
            case TextPairs:
                var second = run.Architecture.SecondEncoder as TextEncoderSpec;
                string shape = second is null
                    ? $"twin [bold]{Markup.Escape(Describe((TextEncoderSpec)spec))}[/] (shared weights)"
                    : $"pseudo-Siamese [bold]{Markup.Escape(Describe((TextEncoderSpec)spec))}[/] | [bold]{Markup.Escape(Describe(second))}[/] ({(run.Architecture.ShareWordVectors ? "one word-vector table, separate sequence models" : "no weight shared")})";
                return $"Training a {shape} ({spec.EmbeddingDimension}-d, {network.Distance.Name}, {run.Loss.Name}) on {Markup.Escape(run.Data.Description)}; {steps} {run.LossSpec.BatchSize / 2} pairs {threads}";
            case ImagePairs train:
                return $"Training a twin [bold]{Kind(spec)}[/] ({spec.EmbeddingDimension}-d, {network.Distance.Name}, {run.Loss.Name}) on {train.Count} pairs of {train.Images.Count} images; {run.Data.Validation.Count} pairs held out; {steps} {run.LossSpec.BatchSize / 2} pairs {threads}";
            default:
                var images = ((LabelledImages)run.Data.Train).Images;
                string inner = spec.OutputDimension != spec.EmbeddingDimension && spec is ConvEncoderSpec cnn
                    ? $"; embeds from the {cnn.EmbeddingLayer.ToString().ToLowerInvariant()} layer, {spec.OutputDimension}-d"
                    : "";
                return $"Training a twin [bold]{Kind(spec)}[/] ({spec.EmbeddingDimension}-d, {network.Distance.Name}, {run.Loss.Name}{(run.Recipe.Augment ? ", augmented" : "")}{inner}) on {images.Count} images of {images.ClassCount} classes; {run.Data.Validation.Count} held out; {steps} {run.LossSpec.DescribeBatch()} {threads}";
        }
    }

    /// <summary>Evaluates the saved model on the run's test part, or says why there is nothing to evaluate.</summary>
    public static void Evaluate(TrainingRun run, ModelBundle bundle, TrainSettings settings)
    {
        switch (run.Data.Test, run.Data.Train)
        {
            case (LabelledImages test, _):
                EvaluationRunner.Run(bundle, test.Images, run.Data.Gallery?.Images, new EvaluationPlan(settings.TestPairs, run.Recipe.Seed), settings.Output,
                    settings.Report, settings.Force, run.Data.ClassNames);
                break;
            case (TextPairs test, TextPairs train):
                var source = (TextPairFileSource)run.Recipe.Data;
                var validation = ((TextPairs)run.Data.Validation).Pairs;
                var baseline = settings.Baseline is null ? null : new TextBaseline(train.Pairs, validation, ThresholdCriterion.Parse(run.Recipe.Calibration));
                TextEvaluation.Run(bundle, test.Pairs, source.TestFile!, baseline, settings.Report, settings.Force);
                break;
            case (null, TextPairs):
                AnsiConsole.MarkupLine("[yellow]note:[/] no --test-file, so nothing was evaluated; measure the model with 'siamese evaluate --pairs FILE' (add --baseline tfidf to see TF-IDF beside it).");
                break;
            case (null, ImagePairs):
                AnsiConsole.MarkupLine("[yellow]note:[/] a pair list has no test part here; measure the model with 'siamese evaluate --pair-list FILE' on pairs it never saw.");
                break;
            case (null, _):
                AnsiConsole.MarkupLine("[yellow]note:[/] every class of the folder was trained on, so there is nothing unseen to evaluate; hold classes out with --test-classes or --class-fraction, or run 'siamese evaluate --images' on other data.");
                break;
            default:
                AnsiConsole.MarkupLine($"[yellow]note:[/] the test part ({run.Data.Test!.Count} examples) was not evaluated: evaluate it with 'siamese evaluate'.");
                break;
        }
    }

    private static string Kind(EncoderSpec spec) => EncoderCatalog.NameOf(spec.GetType());

    private static string Describe(TextEncoderSpec spec) => spec.SequenceModel switch
    {
        TextEncoderKind.Cnn => $"cnn[{string.Join(",", spec.KernelSizes)}]",
        var kind => $"{(spec.Bidirectional ? "bi" : "")}{kind.ToString().ToLowerInvariant()}",
    } + $"-{spec.Pooling.ToString().ToLowerInvariant()}";
}
