using ScottPlot;
using Siamese.Evaluation.Evaluators;

namespace Siamese.Cli.Output;

/// <summary>The evaluation's pictures, as PNG bytes: a ROC curve and the genuine/impostor score distributions.</summary>
internal static class Plots
{
    private const int Width = 900;
    private const int Height = 600;

    public static byte[] Roc(TwinEvaluationReport report)
    {
        var v = report.Verification;
        var points = v.DownsampleRoc(1000);
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "chance";
        var curve = plot.Add.Scatter(points.Select(p => p.Far).ToArray(), points.Select(p => p.Tar).ToArray());
        curve.MarkerSize = 0;
        curve.LineWidth = 2;
        curve.Color = Colors.C0;
        curve.LegendText = $"ROC, AUC {v.Auc:F4}";
        var eer = plot.Add.Marker(v.Eer, 1 - v.Eer);
        eer.Color = Colors.C3;
        eer.Size = 10;
        eer.LegendText = $"EER {v.Eer:P2}";
        plot.Title($"Verification ROC ({v.GenuineCount} genuine, {v.ImpostorCount} impostor pairs)");
        plot.XLabel("False accept rate (impostor pairs judged same)");
        plot.YLabel("True accept rate (genuine pairs judged same)");
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    public static byte[] ScoreHistogram(TwinEvaluationReport report, double? threshold, string distance)
    {
        var scores = report.PairScores;
        double min = scores.Min();
        double max = scores.Max();
        if (max <= min)
        {
            max = min + 1;
        }

        const int bins = 60;
        double width = (max - min) / bins;
        var genuine = new double[bins];
        var impostor = new double[bins];
        for (int i = 0; i < scores.Length; i++)
        {
            int bin = Math.Min(bins - 1, (int)((scores[i] - min) / width));
            (report.PairIsSame[i] ? genuine : impostor)[bin]++;
        }

        double genuineTotal = Math.Max(1, genuine.Sum());
        double impostorTotal = Math.Max(1, impostor.Sum());
        var centers = Enumerable.Range(0, bins).Select(b => min + ((b + 0.5) * width)).ToArray();
        var plot = new Plot();
        AddDensity(plot, centers, genuine.Select(c => c / genuineTotal).ToArray(), Colors.C2, $"genuine pairs ({(int)genuineTotal})");
        AddDensity(plot, centers, impostor.Select(c => c / impostorTotal).ToArray(), Colors.C3, $"impostor pairs ({(int)impostorTotal})");
        if (threshold is double t)
        {
            var line = plot.Add.VerticalLine(t);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Black;
            line.LegendText = $"stored threshold {t:G4}";
        }

        plot.Title($"Test pair scores ({distance})");
        plot.XLabel(distance);
        plot.YLabel("share of pairs");
        plot.Axes.Margins(0.02, 0.05);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static void AddDensity(Plot plot, double[] xs, double[] ys, Color color, string label)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = color;
        line.LineWidth = 2;
        line.FillY = true;
        line.FillYColor = color.WithAlpha(0.25);
        line.LegendText = label;
    }
}
