using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation;
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
        var input = bundle.Config.Input;
        TwinEvaluationReport report;
        if (settings.PairList is not null)
        {
            var (images, pairs) = ExplicitPairs.Load(PairListFile.Read(settings.PairList), input.Channels, input.Height, input.Width);
            if (!pairs.Relations.Contains(PairRelation.Same) || !pairs.Relations.Contains(PairRelation.Different))
            {
                throw new ArgumentException($"{settings.PairList}: verification needs at least one 'same' and one 'different' pair");
            }

            report = ConsoleProgress.RunIndeterminate("evaluating", () => TwinEvaluator.EvaluatePairs(
                bundle.Network, images, pairs, input.Normalization, bundle.Config.Threshold));
        }
        else
        {
            var test = FashionMnist.Load(settings.Data, FashionMnistSplit.Test);
            if (settings.TestLimit > 0 && settings.TestLimit < test.Count)
            {
                test = test.StratifiedSplit((double)settings.TestLimit / test.Count, settings.Seed).First;
            }

            CommandSupport.CheckInputShape(bundle.Config, test.Channels, test.Height, test.Width, settings.Data ?? FashionMnist.DefaultDirectory);
            var gallery = settings.NoGallery ? null : FashionMnist.Load(settings.Data, FashionMnistSplit.Train);
            int total = test.Count + (gallery?.Count ?? 0);
            report = ConsoleProgress.Run("evaluating", total, tick => TwinEvaluator.Evaluate(
                bundle.Network, test, gallery, input.Normalization, settings.Pairs, settings.Seed, bundle.Config.Threshold, settings.K,
                new SyncProgress<int>(done => tick(done, $"embedding {done} of {total} images"))));
        }

        ConsoleReports.WriteEvaluation(report, settings.Model);
        ReportWriter.Write(reportFolder, report, bundle.Config, settings.Force);
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(Path.Combine(reportFolder, ReportWriter.MetricsFile))}, {ReportWriter.RocFile} and {ReportWriter.DistancesFile}.");
        return 0;
    }
}
