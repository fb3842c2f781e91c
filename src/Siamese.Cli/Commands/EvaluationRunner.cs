using Siamese.Cli.Output;
using Siamese.Data;
using Siamese.Evaluation;
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
    public static void Run(ModelBundle bundle, LabeledImageSet test, LabeledImageSet? gallery, EvaluationPlan plan, string modelName,
        string? reportFolder, bool force, IReadOnlyList<string> classNames)
    {
        var network = bundle.Network;
        var input = bundle.Config.Input;
        int total = test.Count + (gallery?.Count ?? 0);
        var report = ConsoleProgress.Run("evaluating", total, tick => TwinEvaluator.Evaluate(
            network, test, gallery, input.Normalization, plan.Pairs, plan.Seed, bundle.Config.Threshold, plan.K,
            new SyncProgress<int>(done => tick(done, $"embedding {done} of {total} images"))));
        ConsoleReports.WriteEvaluation(report, modelName);

        FewShotReport? fewShot = null;
        OpenSetReport? openSet = null;
        float[]? embeddings = null;
        using (var scope = NewDisposeScope())
        {
            var embedded = TwinEvaluator.EmbedAll(network, test, input.Normalization);
            if (test.ClassCount >= 2)
            {
                var options = plan.FewShot ?? new FewShotOptions { Way = Math.Min(5, test.ClassCount), Seed = plan.Seed };
                fewShot = ConsoleProgress.RunIndeterminate("few-shot episodes", () =>
                    FewShotEvaluator.Evaluate(embedded, test.Labels, network.Distance, options));
            }

            var openOptions = plan.OpenSet ?? new OpenSetOptions { KnownClasses = Math.Max(1, test.ClassCount / 2), Seed = plan.Seed };
            if (test.ClassCount > openOptions.KnownClasses)
            {
                openSet = ConsoleProgress.RunIndeterminate("open-set identification", () =>
                    OpenSetEvaluator.Evaluate(embedded, test.Labels, network.Distance, openOptions, bundle.Config.Threshold));
            }

            if (plan.Map != "none")
            {
                embeddings = embedded.data<float>().ToArray();
            }
        }

        ConsoleReports.WriteOneShot(fewShot, openSet, test.ClassCount);
        if (reportFolder is not null)
        {
            ReportWriter.Write(reportFolder, report, bundle.Config, force, fewShot, openSet);
            AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(reportFolder)}[/].");
        }
    }
}
