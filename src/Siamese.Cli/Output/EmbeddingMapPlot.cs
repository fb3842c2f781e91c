using ScottPlot;

namespace Siamese.Cli.Output;

/// <summary>
/// The embedding map as PNG bytes: a 2-D projection of embeddings (from
/// <see cref="Siamese.Evaluation.Projections.EmbeddingProjection"/>), one colour per class, so a reader sees at a glance which
/// classes the model keeps apart and which it mixes.
/// </summary>
internal static class EmbeddingMapPlot
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 700;

    /// <summary>Classes named in the legend; beyond this the rest are summarised in one line.</summary>
    public const int MaxLegendEntries = 25;

    private const float MarkerSize = 4;
    private const double MarkerAlpha = 0.55;

    /// <summary>Renders the map with class names looked up by label (a label outside the list is shown as a number).</summary>
    /// <param name="x">First map coordinate of each point.</param>
    /// <param name="y">Second map coordinate of each point.</param>
    /// <param name="labels">Class of each point.</param>
    /// <param name="classNames">Name of class c at index c.</param>
    /// <param name="title">Title, usually the method, e.g. "t-SNE of test embeddings"; the point and class counts are appended.</param>
    /// <param name="axisName">Axis name before the axis number: "component" for PCA, "t-SNE" for t-SNE.</param>
    public static byte[] Render(double[] x, double[] y, int[] labels, IReadOnlyList<string> classNames, string title, string axisName = "component")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return Render(x, y, labels, label => label >= 0 && label < classNames.Count ? classNames[label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture), title, axisName);
    }

    /// <summary>
    /// Renders the map, 900 × 700 PNG: one scatter of small translucent markers per class (in label order), colours
    /// from a categorical palette (marker shapes change when the palette runs out), legend to the right of the plot.
    /// </summary>
    /// <param name="x">First map coordinate of each point.</param>
    /// <param name="y">Second map coordinate of each point.</param>
    /// <param name="labels">Class of each point.</param>
    /// <param name="className">Name of a class label, for the legend.</param>
    /// <param name="title">Title, usually the method; the point and class counts are appended.</param>
    /// <param name="axisName">Axis name before the axis number: "component" for PCA, "t-SNE" for t-SNE.</param>
    /// <exception cref="ArgumentException">The three arrays have different lengths or are empty.</exception>
    public static byte[] Render(double[] x, double[] y, int[] labels, Func<int, string> className, string title, string axisName = "component")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(className);
        if (x.Length != y.Length || x.Length != labels.Length || x.Length == 0)
        {
            throw new ArgumentException($"need as many x, y and labels (at least 1), got {x.Length}, {y.Length} and {labels.Length}", nameof(labels));
        }

        var classes = labels.Distinct().Order().ToArray();
        IPalette palette = classes.Length switch
        {
            <= 10 => new ScottPlot.Palettes.Category10(),
            <= 20 => new ScottPlot.Palettes.Category20(),
            _ => new ScottPlot.Palettes.Tsitsulin(),
        };
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

        var plot = new Plot();
        for (int c = 0; c < classes.Length; c++)
        {
            int label = classes[c];
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] == label)
                {
                    xs.Add(x[i]);
                    ys.Add(y[i]);
                }
            }

            var color = palette.GetColor(c);
            var shape = shapes[c / palette.Colors.Length % shapes.Length];
            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            points.MarkerShape = shape;
            points.MarkerSize = MarkerSize;
            points.MarkerFillColor = color.WithAlpha(MarkerAlpha);
            points.MarkerLineColor = color.WithAlpha(MarkerAlpha);
            points.LineWidth = 0;
            if (c < MaxLegendEntries)
            {
                // A legend symbol at the plot's 4 px and 55 % opacity is hard to read: the legend gets its own, larger and solid.
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = $"{className(label)} ({xs.Count})",
                    MarkerShape = shape,
                    MarkerSize = 9,
                    MarkerFillColor = color,
                    MarkerLineColor = color,
                });
            }
        }

        if (classes.Length > MaxLegendEntries)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"… and {classes.Length - MaxLegendEntries} more classes" });
        }

        plot.Title($"{title} ({labels.Length} points, {classes.Length} classes)");
        plot.XLabel($"{axisName} 1");
        plot.YLabel($"{axisName} 2");
        plot.Axes.Margins(0.03, 0.03);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
