using System.Globalization;
using Siamese.Data;
using Siamese.Engine;
using Siamese.Experiments;

// Experiments that answer questions with measurements, outside the unit tests:
//   branches: are more branches better? Trains pair, triplet, quadruplet and N-pair structures with one
//             encoder, one batch size and one number of steps, over several seeds, and tabulates the test results.
//   mining:   what online mining costs next to the forward and backward pass of the same batch.
const string Usage = """
    usage: Siamese.Experiments branches [options]   (see BranchesExperiment.cs for the options)
           Siamese.Experiments mining [options]     (see MiningBenchmark.cs)
           Siamese.Experiments oneshot [options]    (see OneShotExperiment.cs)
    """;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new Options(args.Skip(1));
    TorchEngine.EnsureInitialized();
    TorchEngine.Threads = options.Int("--threads", 2);
    return args[0] switch
    {
        "branches" => BranchesExperiment.Run(options),
        "mining" => MiningBenchmark.Run(options),
        "oneshot" => OneShotExperiment.Run(options),
        _ => throw new ArgumentException($"unknown experiment '{args[0]}'; expected branches, mining or oneshot"),
    };
}
catch (Exception ex) when (ex is ArgumentException or DataFormatException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
