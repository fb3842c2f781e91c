using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Persistence;
using Siamese.Samplers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese evaluate</c>: bundle + labelled test data → metrics table, metrics.json and plots.</summary>
public sealed class EvaluateCommand : Command<EvaluateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        string reportFolder = settings.Report ?? settings.Model + ".report";
        var bundle = ModelBundle.Load(settings.Model);
        if (settings.Pairs is { } pairFile)
        {
            var test = TextPairData.Load(pairFile, settings);
            TextBaseline? baseline = null;
            if (settings.Baseline is not null)
            {
                var fit = settings.BaselineFit is { } fitFile ? TextPairData.Load(fitFile, settings) : test;
                baseline = new TextBaseline(fit, settings.BaselineFit is null ? null : fit, Siamese.Calibration.ThresholdCriterion.BestAccuracy);
            }

            TextEvaluation.Run(bundle, test, pairFile, baseline, reportFolder, settings.Force);
            return 0;
        }

        var input = CommandSupport.ImageInputOf(bundle, settings.Model);
        if (settings.Episodes.Length > 0)
        {
            EpisodeFiles.Evaluate(bundle, input, settings.Episodes, reportFolder, settings.Force);
            return 0;
        }

        if (settings.PairList is null)
        {
            var (test, gallery, names) = LoadTestData(settings, bundle.Config, input);
            var plan = new EvaluationPlan(settings.TestPairs, settings.Seed, settings.K,
                new FewShotOptions
                {
                    Way = settings.Way ?? Math.Min(5, test.ClassCount),
                    Shots = settings.Shots,
                    QueriesPerClass = settings.Queries,
                    Episodes = settings.EpisodeCount,
                    Seed = settings.Seed,
                },
                new OpenSetOptions
                {
                    KnownClasses = settings.KnownClasses ?? Math.Max(1, test.ClassCount / 2),
                    Shots = settings.Shots,
                    Trials = settings.EpisodeCount,
                    FalseAcceptRate = settings.Far,
                    Seed = settings.Seed,
                },
                settings.Map);
            EvaluationRunner.Run(bundle, test, gallery, plan, settings.Model, reportFolder, settings.Force, names);
            return 0;
        }

        ReportWriter.CheckWritable(reportFolder, settings.Force, withMap: false);
        var (images, pairs) = ExplicitPairs.Load(PairListFile.Read(settings.PairList), input.Channels, input.Height, input.Width);
        if (!pairs.Relations.Contains(PairRelation.Same) || !pairs.Relations.Contains(PairRelation.Different))
        {
            throw new ArgumentException($"{settings.PairList}: verification needs at least one 'same' and one 'different' pair");
        }

        var evaluator = new PairListEvaluator(images, pairs, input.Normalization, bundle.Config.Threshold);
        var report = (TwinEvaluationReport)ConsoleProgress.RunIndeterminate("evaluating", () => evaluator.Evaluate(bundle.Network)).Report!;
        ConsoleReports.WriteEvaluation(report, settings.Model);
        ReportWriter.Write(reportFolder, report, bundle.Config, settings.Force);
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(Path.Combine(reportFolder, ReportWriter.MetricsFile))}, {ReportWriter.RocFile} and {ReportWriter.DistancesFile}.");
        return 0;
    }

    /// <summary>
    /// The labelled test images (Fashion-MNIST's test split or an image folder), restricted to --classes or to the
    /// classes the model never saw, the k-NN gallery (Fashion-MNIST's training split of the same classes), and the class names.
    /// </summary>
    private static (LabeledImageSet Test, LabeledImageSet? Gallery, IReadOnlyList<string> Names) LoadTestData(EvaluateSettings settings, ModelConfig config, ImageInput input)
    {
        LabeledImageSet test;
        LabeledImageSet? gallery = null;
        IReadOnlyList<string> names;
        string source;
        if (settings.Images is null)
        {
            test = FashionMnist.Load(settings.Data, FashionMnistSplit.Test);
            names = FashionMnist.ClassNames;
            source = settings.Data ?? FashionMnist.DefaultDirectory;
            CommandSupport.CheckInputShape(input, test.Channels, test.Height, test.Width, source);
            if (!settings.NoGallery)
            {
                gallery = FashionMnist.Load(settings.Data, FashionMnistSplit.Train);
            }
        }
        else
        {
            var folder = ImageData.LoadFolder(settings, (input.Channels, input.Height, input.Width));
            test = folder.Images;
            names = folder.ClassNames;
        }

        var unseen = config.Training?.TestClasses;
        int[] classes = settings.Classes is not null
            ? ClassSelection.Parse(settings.Classes, names, "--classes")
            : unseen is not null && unseen.All(n => names.Contains(n))
                ? unseen.Select(n => names.ToList().IndexOf(n)).ToArray()
                : Enumerable.Range(0, names.Count).ToArray();
        if (settings.Classes is null && unseen is not null && classes.Length == unseen.Count)
        {
            AnsiConsole.MarkupLine($"Evaluating on the {classes.Length} classes the model never saw in training ({Markup.Escape(string.Join(", ", unseen.Take(8)))}{(unseen.Count > 8 ? ", …" : "")}).");
        }

        test = test.OfClasses(classes);
        gallery = gallery is null ? null : gallery.OfClasses(classes);
        if (settings.TestLimit > 0 && settings.TestLimit < test.Count)
        {
            test = test.StratifiedSplit((double)settings.TestLimit / test.Count, settings.Seed).First;
        }

        return (test, gallery, names);
    }
}
