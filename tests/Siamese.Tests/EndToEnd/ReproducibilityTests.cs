using System.IO.Compression;
using System.Text.Json.Nodes;
using Siamese.Tests.Cli;
using Siamese.Tests.Data;

namespace Siamese.Tests.EndToEnd;

/// <summary>
/// The reproducibility guarantee: at a fixed --seed and --threads, two runs of one command, each in a process of its
/// own (a fresh native engine), give the same weight bytes, the same calibrated threshold and the same test metrics.
/// </summary>
public class ReproducibilityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string[] Tiny =
        ["--seed", "3", "--epochs", "2", "--steps-per-epoch", "4", "--samples-per-class", "8", "--test-pairs", "400", .. CliProcess.TinyTraining];

    [Theory]
    [InlineData("contrastive", "--augment")]
    [InlineData("triplet", "--miner", "batch-hard")]
    [InlineData("quadruplet", "--miner", "batch-hard")]
    public void Train_SameCommandInTwoProcessesAtOnce_SameWeightsThresholdAndMetrics(string loss, params string[] extra)
    {
        // Given one training command, run twice at the same time in two processes (each with its own engine, competing
        // for the same two cores)
        using var folder = new TempFolder();
        CliProcess Start(string name) => CliProcess.Start(
        [
            "train", "--output", folder.File($"{name}.siamese"), "--report", folder.File(name), "--loss", loss, .. extra, .. Tiny,
        ]);
        using var first = Start("a");
        using var second = Start("b");

        // When both end
        var a = first.WaitForExit(Timeout);
        var b = second.WaitForExit(Timeout);

        // Then both trained, and what they saved is the same to the bit
        Assert.True(a.ExitCode == 0, $"first run: exit {a.ExitCode}: {a.Output}{a.Error}");
        Assert.True(b.ExitCode == 0, $"second run: exit {b.ExitCode}: {b.Output}{b.Error}");
        var (weightsA, configA) = ReadBundle(folder.File("a.siamese"));
        var (weightsB, configB) = ReadBundle(folder.File("b.siamese"));
        Assert.True(weightsA.AsSpan().SequenceEqual(weightsB), "the two runs saved different weights");
        Assert.Equal(configA["threshold"]!.ToJsonString(), configB["threshold"]!.ToJsonString());
        Assert.Equal(File.ReadAllText(folder.File("a/metrics.json")), File.ReadAllText(folder.File("b/metrics.json")));

        // And the summary line, longer than 80 characters, reached the pipe unwrapped
        Assert.Contains(a.Output.Split('\n'), line => line.StartsWith("Saved ", StringComparison.Ordinal) && line.Contains("examples/s", StringComparison.Ordinal));
    }

    private static (byte[] Weights, JsonObject Config) ReadBundle(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var weights = new MemoryStream();
        using (var stream = zip.GetEntry("weights.bin")!.Open())
        {
            stream.CopyTo(weights);
        }

        using var json = zip.GetEntry("siamese.json")!.Open();
        return (weights.ToArray(), (JsonObject)JsonNode.Parse(json)!);
    }
}
