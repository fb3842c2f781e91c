using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation;
using Siamese.Persistence;
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
        var test = FashionMnist.Load(settings.Data, FashionMnistSplit.Test);
        if (settings.TestLimit > 0 && settings.TestLimit < test.Count)
        {
            test = test.StratifiedSplit((double)settings.TestLimit / test.Count, settings.Seed).First;
        }

        CommandSupport.CheckInputShape(bundle.Config, test.Channels, test.Height, test.Width, settings.Data ?? FashionMnist.DefaultDirectory);
        var gallery = settings.NoGallery ? null : FashionMnist.Load(settings.Data, FashionMnistSplit.Train);
        var report = ConsoleProgress.RunIndeterminate("evaluating", () => TwinEvaluator.Evaluate(
            bundle.Network, test, gallery, bundle.Config.Input.Normalization, settings.Pairs, settings.Seed, bundle.Config.Threshold, settings.K));
        ConsoleReports.WriteEvaluation(report, settings.Model);
        ReportWriter.Write(reportFolder, report, bundle.Config, settings.Force);
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(Path.Combine(reportFolder, ReportWriter.MetricsFile))}, {ReportWriter.RocFile} and {ReportWriter.DistancesFile}.");
        return 0;
    }
}
