using System.Text.Json;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Persistence;

namespace Siamese.Cli.Output;

/// <summary>Writes an evaluation as metrics.json, roc.png and distances.png into a folder, each file atomically.</summary>
internal static class ReportWriter
{
    public const string MetricsFile = "metrics.json";
    public const string RocFile = "roc.png";
    public const string DistancesFile = "distances.png";
    public const string MapFile = "embedding-map.png";

    /// <summary>
    /// Refuses, before any work is done, a report folder that is a file or device, or that holds report files which
    /// only --force may replace.
    /// </summary>
    public static void CheckWritable(string folder, bool force, bool withMap)
    {
        foreach (string file in withMap ? [MetricsFile, RocFile, DistancesFile, MapFile] : (string[])[MetricsFile, RocFile, DistancesFile])
        {
            Commands.CommandSupport.EnsureWritable(Path.Combine(folder, file), force);
        }
    }

    public static void Write(string folder, TwinEvaluationReport report, ModelConfig config, bool force,
        FewShotReport? fewShot = null, OpenSetReport? openSet = null, byte[]? embeddingMap = null)
    {
        CheckWritable(folder, force, withMap: embeddingMap is not null);
        Directory.CreateDirectory(folder);
        string metrics = Path.Combine(folder, MetricsFile);
        string roc = Path.Combine(folder, RocFile);
        string distances = Path.Combine(folder, DistancesFile);
        string map = Path.Combine(folder, MapFile);

        var v = report.Verification;
        var document = new
        {
            model = new { config.Distance, config.EmbeddingDimension, config.Threshold, config.LabelConvention },
            verification = new
            {
                v.GenuineCount,
                v.ImpostorCount,
                v.Auc,
                v.Eer,
                v.EerThreshold,
                v.BestAccuracy,
                v.BestAccuracyThreshold,
                v.BestF1,
                v.BestF1Threshold,
                v.F1AtBestAccuracyThreshold,
                v.TarAtFar,
                accuracyAtStoredThreshold = report.ThresholdAccuracy,
                rocCurve = v.DownsampleRoc(200),
            },
            embeddings = report.Embeddings,
            fewShot,
            openSet,
            report.TestCount,
            report.GalleryCount,
        };
        AtomicFile.Write(metrics, stream => JsonSerializer.Serialize(stream, document, ModelBundle.JsonOptions));
        AtomicFile.Write(roc, stream => stream.Write(Plots.Roc(report)));
        AtomicFile.Write(distances, stream => stream.Write(Plots.ScoreHistogram(report, config.Threshold?.Value, config.Distance)));
        if (embeddingMap is not null)
        {
            AtomicFile.Write(map, stream => stream.Write(embeddingMap));
        }
    }
}
