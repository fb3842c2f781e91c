using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Projections;
using Siamese.Persistence;
using Spectre.Console;
using static TorchSharp.torch;

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

        var network = bundle.Network;
        var input = bundle.Config.Input;
        int total = test.Count + (gallery?.Count ?? 0);
        FewShotReport? fewShot = null;
        OpenSetReport? openSet = null;
        float[]? embeddings = null;
        int[] mapRows = MapRows(test, MapPoints);
        using var scope = NewDisposeScope();

        // The test images are embedded once, for verification, retrieval, episodes, open set and the map alike.
        Tensor embedded = null!;
        var report = ConsoleProgress.Run("evaluating", total, tick =>
        {
            var progress = new SyncProgress<int>(done => tick(done, $"embedding {done} of {total} images"));
            embedded = TwinEvaluator.EmbedAll(network, test, input.Normalization, progress: progress);
            return TwinEvaluator.Evaluate(network, test, embedded, gallery, input.Normalization, plan.Pairs, plan.Seed, bundle.Config.Threshold, plan.K,
                new SyncProgress<int>(done => tick(test.Count + done, $"embedding {test.Count + done} of {total} images")));
        });
        ConsoleReports.WriteEvaluation(report, modelName);
        if (test.ClassCount >= 2)
        {
            var options = plan.FewShot ?? new FewShotOptions { Way = Math.Min(5, test.ClassCount), Seed = plan.Seed };
            fewShot = Optional("few-shot episodes", () => FewShotEvaluator.Evaluate(embedded, test.Labels, network.Distance, options));
        }

        var openOptions = plan.OpenSet ?? new OpenSetOptions { KnownClasses = Math.Max(1, test.ClassCount / 2), Seed = plan.Seed };
        if (test.ClassCount > openOptions.KnownClasses)
        {
            openSet = Optional("open-set identification", () => OpenSetEvaluator.Evaluate(embedded, test.Labels, network.Distance, openOptions, bundle.Config.Threshold));
        }

        if (plan.Map != "none" && reportFolder is not null)
        {
            var chosen = embedded.index_select(0, tensor(mapRows).to(ScalarType.Int64));
            embeddings = nn.functional.normalize(chosen, p: 2, dim: 1).data<float>().ToArray();
        }

        ConsoleReports.WriteOneShot(fewShot, openSet, test.ClassCount);
        if (reportFolder is not null)
        {
            byte[]? map = embeddings is null ? null : RenderMap(plan.Map, embeddings, mapRows.Select(i => test.Labels[i]).ToArray(), classNames);
            ReportWriter.Write(reportFolder, report, bundle.Config, force, fewShot, openSet, map);
            AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(reportFolder)}[/].");
        }
    }

    /// <summary>
    /// Runs a part of the evaluation that the data may be too small for (too few classes or examples per class): then
    /// it is skipped with a note saying why, and the rest of the report stands.
    /// </summary>
    private static T? Optional<T>(string title, Func<T> work)
        where T : class
    {
        try
        {
            return ConsoleProgress.RunIndeterminate(title, work);
        }
        catch (ArgumentException ex)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(title)} skipped: {Markup.Escape(ex.Message.Split('\n')[0])}");
            return null;
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
