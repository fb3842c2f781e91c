using System.Text.Json;
using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Persistence;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese evaluate --episodes FILE...</c>: replays fixed one-shot trials and reports accuracy per file and overall.</summary>
internal static class EpisodeFiles
{
    public const string ReportFile = "episodes.json";

    public static void Evaluate(ModelBundle bundle, ImageInput input, IReadOnlyList<string> files, string reportFolder, bool force)
    {
        string reportPath = Path.Combine(reportFolder, ReportFile);
        CommandSupport.EnsureWritable(reportPath, force);
        var evaluator = new EpisodeReplayEvaluator([.. files.Select(file => (file, EpisodeFile.Read(file)))], input);
        var reports = (IReadOnlyList<EpisodeFileReport>)ConsoleProgress.RunIndeterminate(
            $"reading and embedding {evaluator.Paths.Count} images", () => evaluator.Evaluate(bundle.Network)).Report!;
        int totalTrials = reports.Sum(r => r.Trials);
        int totalCorrect = reports.Sum(r => r.Correct);
        var table = new Table().Border(TableBorder.Rounded).Title("replayed one-shot trials (correct only when the right candidate is strictly nearest)");
        table.AddColumns("episode file", "way", "trials", "correct", "accuracy");
        foreach (var r in reports)
        {
            table.AddRow(Markup.Escape(r.File), string.Join("/", r.Ways), r.Trials.ToString(), r.Correct.ToString(), r.Accuracy.ToString("P2"));
        }

        if (reports.Count > 1)
        {
            table.AddRow("[bold]overall[/]", "", totalTrials.ToString(), totalCorrect.ToString(), $"[bold]{totalCorrect / (double)totalTrials:P2}[/]");
        }

        AnsiConsole.Write(table);
        Directory.CreateDirectory(reportFolder);
        var document = new
        {
            model = new { bundle.Config.Distance, fingerprint = bundle.Fingerprint },
            files = reports.Select(r => new { r.File, r.Trials, r.Correct, r.Accuracy, r.Ways }),
            overall = new { trials = totalTrials, correct = totalCorrect, accuracy = totalCorrect / (double)totalTrials },
        };
        AtomicFile.Write(reportPath, stream => JsonSerializer.Serialize(stream, document, ModelBundle.JsonOptions));
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(reportPath)}[/].");
    }
}
