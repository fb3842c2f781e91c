using Siamese.Evaluation.Evaluators;
using Siamese.Training;
using Spectre.Console;

namespace Siamese.Cli.Output;

/// <summary>Tables printed after training and evaluation.</summary>
internal static class ConsoleReports
{
    public static void WriteEpochs(TrainingResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("training");
        bool graded = result.Epochs.Any(e => !double.IsNaN(e.ValidationSpearman));
        bool retrieval = result.Epochs.Any(e => e.Metrics.ContainsKey(MetricNames.NearestNeighbor));
        // Figures of the evaluators a run adds (--validate) get a column of their own.
        string[] more = [.. result.Epochs.SelectMany(e => e.Metrics.Keys).Distinct().Where(m => m is MetricNames.FewShot or MetricNames.OpenSetAccuracy)];
        table.AddColumns(graded
            ? ["epoch", "train loss", "val loss", "val Spearman", "val AUC", "time"]
            : ["epoch", "train loss", "val loss", "val AUC", "val EER", "val acc", .. (retrieval ? new[] { "val 1-NN" } : []), .. more.Select(m => $"val {m}"), "time"]);
        foreach (var e in result.Epochs)
        {
            string mark = e.IsBest ? " *" : "";
            string[] validation = graded
                ? [F(e.ValidationSpearman, "F4"), F(e.ValidationAuc, "F4")]
                : [F(e.ValidationAuc, "F4"), P(e.ValidationEer), P(e.ValidationAccuracy), .. (retrieval ? new[] { P(e[MetricNames.NearestNeighbor]) } : []), .. more.Select(m => P(e[m]))];
            table.AddRow([$"{e.Epoch}{mark}", F(e.TrainLoss, "F4"), F(e.ValidationLoss, "F4"), .. validation, $"{e.Elapsed.TotalSeconds:F0} s"]);
        }

        string judged = result.Epochs.Count == 0 ? "" : $" by {result.Epochs[^1].Selected}";
        table.Caption($"* best so far{judged}; kept: epoch {result.BestEpoch}{(result.StoppedEarly ? " (stopped early)" : "")}");
        AnsiConsole.Write(table);
    }

    public static void WriteEvaluation(TwinEvaluationReport report, string model)
    {
        var v = report.Verification;
        var table = new Table().Border(TableBorder.Rounded).Title($"evaluation of {Markup.Escape(model)}");
        table.AddColumns("metric", "value", "about");
        table.AddRow("verification AUC", v.Auc.ToString("F4"), $"{v.GenuineCount} genuine + {v.ImpostorCount} impostor test pairs");
        table.AddRow("EER", P(v.Eer), $"threshold {v.EerThreshold:G4}");
        table.AddRow("best accuracy", P(v.BestAccuracy), $"threshold {v.BestAccuracyThreshold:G4} (chosen on the test pairs)");
        if (report.ThresholdAccuracy is double calibrated)
        {
            table.AddRow("accuracy at stored threshold", P(calibrated), "threshold calibrated on validation pairs");
        }

        table.AddRow("F1 at best accuracy", v.F1AtBestAccuracyThreshold.ToString("F4"), "");
        foreach (var t in v.TarAtFar)
        {
            table.AddRow($"TAR @ FAR {t.TargetFar:G}", P(t.Tar), $"threshold {t.Threshold:G4}");
        }

        if (report.Embeddings is { } e)
        {
            table.AddRow("1-NN accuracy", P(e.KnnAccuracy), $"{report.TestCount} test queries, {report.GalleryCount} gallery images");
            table.AddRow("precision@1", P(e.Retrieval.PrecisionAt1), "leave-one-out on the test set");
            table.AddRow("R-precision", P(e.Retrieval.RPrecision), "");
            table.AddRow("MAP@R", P(e.Retrieval.MapAtR), "");
        }

        AnsiConsole.Write(table);
    }

    public static void WriteOneShot(FewShotReport? fewShot, OpenSetReport? openSet, int classes)
    {
        if (fewShot is null && openSet is null)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"one-shot recognition over {classes} test classes");
        table.AddColumns("metric", "value", "about");
        if (fewShot is { } f)
        {
            table.AddRow($"{f.Way}-way {f.Shots}-shot accuracy", $"{f.Accuracy:P2} ± {f.ConfidenceInterval95:P2}",
                $"{f.Episodes} episodes, {f.QueriesPerClass} query per class; chance {f.Chance:P2}; 95% interval");
        }

        if (openSet is { } o)
        {
            string about = $"{o.KnownClasses} classes enrolled with {o.Shots} shot(s), {o.StrangerClasses} stranger classes, {o.Trials} trials";
            table.AddRow("open-set rank-1", P(o.Rank1Accuracy), about);
            table.AddRow($"open-set DIR @ FAR {o.TargetFalseAcceptRate:P0}", P(o.DetectionIdentificationRate), $"identified and accepted; threshold {o.Threshold:G4}");
            table.AddRow($"open-set accuracy @ FAR {o.TargetFalseAcceptRate:P0}", P(o.Accuracy), "correct class or 'unknown' for strangers");
            if (o.AtModelThreshold is { } m)
            {
                table.AddRow("open-set accuracy @ model threshold", P(m.Accuracy), $"threshold {m.Threshold:G4}: FAR {m.FalseAcceptRate:P2}, DIR {m.DetectionIdentificationRate:P2}");
            }
        }

        AnsiConsole.Write(table);
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format);

    private static string P(double value) => double.IsNaN(value) ? "-" : value.ToString("P2");
}
