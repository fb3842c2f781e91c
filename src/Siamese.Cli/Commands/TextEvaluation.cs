using System.Text.Json;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Persistence;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary>Measures a text model (and optionally the TF-IDF baseline) on labelled pairs; prints a table and writes metrics.json.</summary>
internal static class TextEvaluation
{
    public const string MetricsFile = "metrics.json";

    public static (TextPairReport Model, TextPairReport? Baseline) Run(ModelBundle bundle, TextPairSet test, string testFile, TextBaseline? baseline, string? reportFolder, bool force)
    {
        var evaluator = new TextPairSetEvaluator(test, CommandSupport.TextTokenizerOf(bundle), bundle.Config.Threshold);
        if (reportFolder is not null)
        {
            CommandSupport.EnsureWritable(Path.Combine(reportFolder, MetricsFile), force);
        }

        var model = (TextPairReport)Output.ConsoleProgress.RunIndeterminate("scoring test pairs", () => evaluator.Evaluate(bundle.Network)).Report!;
        var reference = baseline is null ? null : Output.ConsoleProgress.RunIndeterminate("scoring with the baseline", () =>
            TextPairEvaluator.Evaluate(test, baseline.Scorer, baseline.Threshold));
        Write(model, reference, testFile, test, baseline);
        if (reportFolder is not null)
        {
            Directory.CreateDirectory(reportFolder);
            var document = new
            {
                testFile,
                model = new { bundle.Config.Distance, bundle.Config.EmbeddingDimension, pseudoSiamese = bundle.Network.IsPseudoSiamese, bundle.Config.Threshold },
                results = reference is null ? new[] { model } : [model, reference],
                baselineFittedOn = baseline?.FittedOn,
            };
            string path = Path.Combine(reportFolder, MetricsFile);
            AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, document, ModelBundle.JsonOptions));
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(path)}[/].");
        }

        return (model, reference);
    }

    private static void Write(TextPairReport model, TextPairReport? baseline, string testFile, TextPairSet test, TextBaseline? fitted)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"evaluation on {Markup.Escape(testFile)}");
        table.AddColumn("metric");
        table.AddColumn("model");
        if (baseline is not null)
        {
            table.AddColumn("tfidf");
        }

        table.AddColumn("about");
        void Row(string metric, Func<TextPairReport, double?> value, string format, string about)
        {
            string Cell(TextPairReport? r) => r is not null && value(r) is double v ? (format == "P" ? $"{v:P2}" : v.ToString(format)) : "-";
            if (value(model) is null && (baseline is null || value(baseline) is null))
            {
                return;
            }
            var cells = new List<string> { metric, Cell(model) };
            if (baseline is not null)
            {
                cells.Add(Cell(baseline));
            }

            cells.Add(about);
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        Row("Spearman", r => r.Correlation?.Spearman, "F4", $"{test.Count} graded pairs");
        Row("Pearson", r => r.Correlation?.Pearson, "F4", "");
        Row("AUC", r => r.Verification?.Auc, "F4", $"{test.PositiveCount} same + {test.Count - test.PositiveCount} different pairs");
        Row("EER", r => r.Verification?.Eer, "P", "");
        Row("accuracy at calibrated threshold", r => r.ThresholdAccuracy, "P", "threshold from validation pairs");
        Row("F1 at calibrated threshold", r => r.ThresholdF1, "F4", "");
        Row("best accuracy", r => r.Verification?.BestAccuracy, "P", "threshold chosen on these pairs (optimistic)");
        Row("matching P@1", r => r.Matching?.PrecisionAt1, "P", model.Matching is { } m ? $"{m.QueryCount} queries, each against {m.CandidateCount} candidates" : "");
        Row("matching MRR", r => r.Matching?.MeanReciprocalRank, "F4", "");
        if (fitted is not null)
        {
            table.Caption($"tfidf: vocabulary and idf from {fitted.FittedOn}{(fitted.Threshold is null ? "; no validation pairs to calibrate its threshold" : "")}");
        }

        AnsiConsole.Write(table);
    }
}
