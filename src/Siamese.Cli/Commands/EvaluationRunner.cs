using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Projections;
using Siamese.Persistence;
using Spectre.Console;

namespace Siamese.Cli.Commands;

/// <summary>
/// Runs the evaluation of a model on labelled images and reports it: verification on balanced pairs, k-NN against a
/// gallery when there is one, N-way K-shot episodes and open-set identification over the test classes, and a 2-D
/// map of the embeddings; tables on the console and, when asked, a report folder.
/// </summary>
internal static class EvaluationRunner
{
    /// <summary>At most this many test images are drawn in the embedding map (t-SNE is exact and quadratic).</summary>
    private const int MapPoints = 3000;

    public static void Run(ModelBundle bundle, LabeledImageSet test, LabeledImageSet? gallery, EvaluationPlan plan, string modelName,
        string? reportFolder, bool force, IReadOnlyList<string> classNames)
    {
        if (reportFolder is not null)
        {
            ReportWriter.CheckWritable(reportFolder, force, withMap: plan.Map != "none");
        }

        var input = CommandSupport.ImageInputOf(bundle, modelName);
        int total = test.Count + (gallery?.Count ?? 0);
        int[] mapRows = plan.Map != "none" && reportFolder is not null ? MapRows(test, MapPoints) : [];
        var result = ConsoleProgress.Run("evaluating", total, tick =>
        {
            // The test images are embedded once, for verification, retrieval, episodes, open set and the map alike.
            var evaluator = new TestSetEvaluator(test, gallery, input.Normalization)
            {
                PairCount = plan.Pairs,
                Seed = plan.Seed,
                K = plan.K,
                Threshold = bundle.Config.Threshold,
                FewShot = plan.FewShot,
                OpenSet = plan.OpenSet,
                MapRows = mapRows,
                Progress = new SyncProgress<int>(done => tick(done, $"embedding {done} of {total} images")),
            };
            return evaluator.Evaluate(bundle.Network);
        });
        var report = (TestSetReport)result.Report!;
        ConsoleReports.WriteEvaluation(report.Verification, modelName);
        foreach (var (part, reason) in report.Skipped)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(part)} skipped: {Markup.Escape(reason)}");
        }

        ConsoleReports.WriteOneShot(report.FewShot, report.OpenSet, test.ClassCount);
        if (reportFolder is not null)
        {
            byte[]? map = mapRows.Length == 0 ? null : RenderMap(plan.Map, report.MapEmbeddings, mapRows.Select(i => test.Labels[i]).ToArray(), classNames);
            ReportWriter.Write(reportFolder, report.Verification, bundle.Config, force, report.FewShot, report.OpenSet, map);
            AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(reportFolder)}[/].");
        }
    }

    /// <summary>Up to <paramref name="count"/> test rows spread evenly over each class (all rows when there are fewer).</summary>
    private static int[] MapRows(LabeledImageSet test, int count)
    {
        if (test.Count <= count)
        {
            return Enumerable.Range(0, test.Count).ToArray();
        }

        // Every class keeps the same share of its images, taken at even steps through its members.
        double share = count / (double)test.Count;
        return Enumerable.Range(0, test.Count)
            .GroupBy(i => test.Labels[i])
            .SelectMany(members => members.Where((_, k) => Math.Floor((k + 1) * share) > Math.Floor(k * share)))
            .Order()
            .ToArray();
    }

    private static byte[] RenderMap(string method, float[] rows, int[] labels, IReadOnlyList<string> classNames)
    {
        int dimension = rows.Length / labels.Length;
        double original = ProjectionQuality.KnnAccuracy(rows, dimension, labels);
        double[] x;
        double[] y;
        string title;
        string axis;
        if (method == "tsne")
        {
            var map = ConsoleProgress.RunIndeterminate($"t-SNE of {labels.Length} embeddings", () => EmbeddingProjection.Tsne(rows, dimension));
            (x, y, title, axis) = (map.X, map.Y, "t-SNE of test embeddings", "t-SNE");
        }
        else
        {
            var map = EmbeddingProjection.Pca(rows, dimension);
            (x, y) = (map.X, map.Y);
            title = $"PCA of test embeddings, {map.ExplainedVarianceRatio.Take(2).Sum():P0} of variance";
            axis = "component";
        }

        double flat = ProjectionQuality.KnnAccuracy(x, y, labels);
        AnsiConsole.MarkupLine($"Embedding map ({(method == "tsne" ? "t-SNE" : "PCA")}): 1-NN label accuracy {flat:P1} in the map against {original:P1} in the embedding space.");
        return EmbeddingMapPlot.Render(x, y, labels, classNames, title, axis);
    }
}
