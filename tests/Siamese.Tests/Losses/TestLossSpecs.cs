using System.Text.Json.Nodes;
using Siamese.Losses;

namespace Siamese.Tests.Losses;

/// <summary>Loss specs by catalog name with the settings a test gives, as the command line binds them.</summary>
internal static class TestLossSpecs
{
    public static LossSpec Of(
        string loss,
        string? miner = null,
        int batchSize = 256,
        int samplesPerClass = 32,
        double? margin = null,
        double? positiveMargin = null,
        double? secondMargin = null,
        double? temperature = null,
        int shots = 1,
        bool softMargin = false) => LossCatalog.Create(loss, new JsonObject
        {
            ["miner"] = miner,
            ["batchSize"] = batchSize,
            ["samplesPerClass"] = samplesPerClass,
            ["margin"] = margin,
            ["positiveMargin"] = positiveMargin,
            ["secondMargin"] = secondMargin,
            ["temperature"] = temperature,
            ["shots"] = shots,
            ["softMargin"] = softMargin,
        });

    /// <summary>The names of the miners a loss takes, its default first.</summary>
    public static string[] MinerNames(string loss) => [.. LossCatalog.Create(loss).Miners.Select(LossSpec.MinerName)];
}
