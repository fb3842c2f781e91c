using Siamese.Losses;
using Siamese.Miners;

namespace Siamese.Experiments;

/// <summary>One network structure of the "are more branches better?" experiment: a name, what it is, and its loss set-up.</summary>
/// <param name="Name">Short name used on the command line and in the table.</param>
/// <param name="Branches">How many inputs one training example ties together, as the table shows it.</param>
/// <param name="Setup">Loss, miner and margins; the batch size is set by the experiment.</param>
/// <param name="Distance">
/// The distance the loss and the model use. Embeddings are L2-normalised, so L2 and cosine rank
/// neighbours identically and give the same 1-NN, MAP@R and AUC; N-pair uses cosine, as InfoNCE does.
/// </param>
internal sealed record Structure(string Name, string Branches, LossSpec Setup, string Distance = "l2")
{
    /// <summary>Every structure the experiment knows, in table order.</summary>
    public static IReadOnlyList<Structure> All { get; } =
    [
        new("pair", "2 (pair)", new ContrastiveLossSpec { Margin = 1.5 }),
        new("online-pair", "2 (in-batch hard pairs)", new OnlineContrastiveLossSpec { Miner = MinerKind.HardPair, Margin = 1.5 }),
        new("triplet", "3 (random triplet)", new TripletLossSpec { Miner = MinerKind.None, Margin = 0.2 }),
        new("triplet-semi-hard", "3 (semi-hard triplets)", new TripletLossSpec { Miner = MinerKind.SemiHard, Margin = 0.2 }),
        new("triplet-batch-hard", "3 (batch-hard triplets)", new TripletLossSpec { Miner = MinerKind.BatchHard, Margin = 0.2 }),
        new("quadruplet", "4 (random quadruplet)", new QuadrupletLossSpec { Miner = MinerKind.None, Margin = 0.2, SecondMargin = 0.1 }),
        new("quadruplet-batch-hard", "4 (batch-hard quadruplets)", new QuadrupletLossSpec { Miner = MinerKind.BatchHard, Margin = 0.2, SecondMargin = 0.1 }),
        new("npair", "N (all in-batch negatives)", new NPairLossSpec { Temperature = 0.1 }, "cosine"),
        new("npair-t05", "N (all in-batch negatives, T 0.5)", new NPairLossSpec { Temperature = 0.5 }, "cosine"),
        new("prototypical", "episode (1-shot prototypes)", new PrototypicalLossSpec { Shots = 1 }, "squared-l2"),
        new("prototypical-5", "episode (5-shot prototypes)", new PrototypicalLossSpec { Shots = 5 }, "squared-l2"),
        new("instance", "2 (two distorted views of one image, in-batch negatives)", new NPairLossSpec { Temperature = 0.1 }, "cosine"),
        new("instance-t05", "2 (two distorted views, T 0.5)", new NPairLossSpec { Temperature = 0.5 }, "cosine"),
        new("koch", "2 (random pairs, learned head, BCE)", new BinaryCrossEntropyLossSpec { Miner = MinerKind.None }, "weighted-l1"),
    ];

    /// <summary>The structures called <paramref name="names"/>.</summary>
    public static IReadOnlyList<Structure> Named(IEnumerable<string> names) => names
        .Select(n => All.FirstOrDefault(s => s.Name == n)
            ?? throw new ArgumentException($"--structures: unknown structure '{n}'; expected some of {string.Join(",", All.Select(s => s.Name))}"))
        .ToArray();
}
