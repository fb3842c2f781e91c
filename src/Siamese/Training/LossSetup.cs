using Siamese.Distances;
using Siamese.Losses;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Training;

/// <summary>
/// A loss by name with its miner and the batches it trains on, as chosen on the command line or in an
/// experiment: which <see cref="MetricLoss"/> to build and which <see cref="IBatchSampler"/> feeds it.
/// <see cref="BatchSize"/> counts inputs embedded per step for every loss, so set-ups with equal batch
/// sizes see the same number of examples.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>contrastive, energy-contrastive: balanced random pairs (the twin network), <see cref="BatchSize"/>/2 pairs per step; miner "none".</item>
/// <item>online-contrastive: the contrastive loss over pairs formed inside class-balanced batches; miners "hard-pair" (default) or "all".</item>
/// <item>triplet: class-balanced batches with miners "batch-hard" (default), "semi-hard" or "all" (batch-all); or "none": random triplets (the triplet network of Hoffer and Ailon), <see cref="BatchSize"/>/3 per step.</item>
/// <item>quadruplet: class-balanced batches with miner "batch-hard" (default); or "none": random quadruplets, <see cref="BatchSize"/>/4 per step.</item>
/// <item>npair: class-balanced batches, every positive pair against all in-batch negatives; miner "all".</item>
/// <item>bce: binary cross-entropy on p(same) from a learned head (Koch et al. 2015; distance "weighted-l1"); miner "none": balanced random pairs (default),
/// or "hard-pair" / "all": pairs formed inside class-balanced batches.</item>
/// <item>prototypical: class-balanced batches read as episodes (Snell et al. 2017), <see cref="Shots"/> support items per class and the rest queries; miner "episode".</item>
/// </list>
/// </remarks>
public sealed record LossSetup
{
    /// <summary>The loss names, in the order the command line lists them.</summary>
    public static IReadOnlyList<string> LossNames { get; } = ["contrastive", "energy-contrastive", "online-contrastive", "triplet", "quadruplet", "npair", "bce", "prototypical", "cosent", "score-mse"];

    /// <summary>The losses that learn from pairs with graded scores in [0, 1] (binary labels count as 0 and 1).</summary>
    public static IReadOnlyList<string> GradedLossNames { get; } = ["cosent", "score-mse"];

    /// <summary>The losses that can learn from an explicit list of labelled pairs (no class labels): see <see cref="CreatePairSampler"/>.</summary>
    public static IReadOnlyList<string> PairListLossNames { get; } = ["contrastive", "energy-contrastive", "npair", "bce", "cosent", "score-mse"];

    /// <summary>The loss name (default "contrastive").</summary>
    public string Loss { get; init; } = "contrastive";

    /// <summary>The miner name, or null for the loss's default (the first of <see cref="MinersFor"/>).</summary>
    public string? Miner { get; init; }

    /// <summary>
    /// Contrastive forms: the impostor margin (default <see cref="ContrastiveLoss.DefaultMargins"/>).
    /// Energy contrastive: the bound Q (required). Triplet and quadruplet: m1 (default 0.2).
    /// </summary>
    public double? Margin { get; init; }

    /// <summary>Contrastive forms: the genuine margin (default <see cref="ContrastiveLoss.DefaultMargins"/>).</summary>
    public double? PositiveMargin { get; init; }

    /// <summary>Quadruplet: m2, the negative-pair term's margin (default 0.1).</summary>
    public double? SecondMargin { get; init; }

    /// <summary>
    /// N-pair: the softmax temperature (default 0.1). Prototypical: the temperature dividing the closeness (default 0.2,
    /// which on L2-normalised embeddings and the squared L2 distance equals N-pair's 0.1 on cosine).
    /// </summary>
    public double? Temperature { get; init; }

    /// <summary>Prototypical: support items per class in each training episode (K, default 1); the rest of each class's items are queries.</summary>
    public int Shots { get; init; } = 1;

    /// <summary>Triplet: the soft-margin form log(1 + exp(x)) instead of the hinge.</summary>
    public bool SoftMargin { get; init; }

    /// <summary>Inputs embedded per step (default 256; rounded down to whole pairs, triplets or quadruplets).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Class-balanced batches: items of each class per batch (default 32).</summary>
    public int SamplesPerClass { get; init; } = 32;

    /// <summary>The miners a loss accepts; the first is its default.</summary>
    /// <exception cref="ArgumentException">Unknown loss.</exception>
    public static IReadOnlyList<string> MinersFor(string loss) => loss switch
    {
        "contrastive" or "energy-contrastive" => ["none"],
        "online-contrastive" => ["hard-pair", "all"],
        "triplet" => ["batch-hard", "semi-hard", "all", "none"],
        "quadruplet" => ["batch-hard", "none"],
        "npair" => ["all"],
        "bce" => ["none", "hard-pair", "all"],
        "prototypical" => ["episode"],
        "cosent" or "score-mse" => ["none"],
        _ => throw new ArgumentException($"unknown loss '{loss}'; expected one of {string.Join(", ", LossNames)}", nameof(loss)),
    };

    /// <summary>The miner in use: <see cref="Miner"/>, or the loss's default.</summary>
    public string EffectiveMiner => Miner ?? MinersFor(Loss)[0];

    /// <summary>Whether the loss learns from labels inside class-balanced batches (rather than from pre-drawn tuples).</summary>
    public bool UsesClassBalancedBatches => !FromPairList && EffectiveMiner != "none";

    /// <summary>
    /// Whether batches come from an explicit list of pairs (<see cref="CreatePairSampler"/>) rather than from class
    /// labels: the batch then holds <see cref="BatchSize"/> / 2 pairs whatever the loss (default false).
    /// </summary>
    public bool FromPairList { get; init; }

    /// <summary>Inputs one tuple takes when tuples are pre-drawn: 2, 3 or 4; 1 for class-balanced batches.</summary>
    public int TupleWidth => UsesClassBalancedBatches ? 1 : Loss switch { "triplet" => 3, "quadruplet" => 4, _ => 2 };

    /// <summary>What one step trains on, e.g. "128 random pairs" or "8 classes x 32 samples, batch-hard mining".</summary>
    public string DescribeBatch() => TupleWidth switch
    {
        1 when Loss == "prototypical" => $"{BatchSize / SamplesPerClass}-way {Shots}-shot episodes with {SamplesPerClass - Shots} queries per class",
        1 => $"{BatchSize / SamplesPerClass} classes x {SamplesPerClass} samples, {(EffectiveMiner == "all" ? "all in-batch tuples" : EffectiveMiner + " mining")}",
        2 => $"{BatchSize / 2} random pairs",
        3 => $"{BatchSize / 3} random triplets",
        _ => $"{BatchSize / 4} random quadruplets",
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        var miners = MinersFor(Loss);
        if (Miner is not null && !miners.Contains(Miner))
        {
            throw new ArgumentException($"the {Loss} loss takes the miner {string.Join(" or ", miners)}, not '{Miner}'");
        }

        if (BatchSize < 2 * TupleWidth)
        {
            throw new ArgumentException($"the batch size must be at least {2 * TupleWidth} inputs for the {Loss} loss (got {BatchSize})");
        }

        if (Loss == "prototypical" && (Shots < 1 || SamplesPerClass <= Shots))
        {
            throw new ArgumentException($"prototypical episodes need at least 1 shot and more samples per class than shots, so each class has queries (shots {Shots}, samples per class {SamplesPerClass})");
        }

        if (UsesClassBalancedBatches && (SamplesPerClass < 2 || BatchSize % SamplesPerClass != 0 || BatchSize / SamplesPerClass < 2))
        {
            throw new ArgumentException(
                $"class-balanced batches need at least 2 samples per class and a batch size that is a multiple of them holding at least 2 classes (batch {BatchSize}, samples per class {SamplesPerClass})");
        }
    }

    /// <summary>Builds the loss over <paramref name="distance"/>.</summary>
    /// <exception cref="ArgumentException">Invalid settings or margins.</exception>
    public MetricLoss CreateLoss(IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        Validate();
        var (defaultMargin, defaultPositive) = ContrastiveLoss.DefaultMargins(distance);
        return Loss switch
        {
            "contrastive" => new ContrastiveLoss(distance, Margin ?? defaultMargin, PositiveMargin ?? defaultPositive),
            "online-contrastive" => new ContrastiveLoss(distance, Margin ?? defaultMargin, PositiveMargin ?? defaultPositive)
            {
                Miner = new PairMiner(distance, EffectiveMiner == "hard-pair" ? PairSelection.Hard : PairSelection.All),
            },
            "energy-contrastive" => new EnergyContrastiveLoss(
                distance, Margin ?? throw new ArgumentException("the energy contrastive loss needs its energy bound Q as the margin")),
            "triplet" => new TripletMarginLoss(distance, Margin ?? 0.2, SoftMargin)
            {
                Miner = EffectiveMiner switch
                {
                    "batch-hard" => new BatchHardMiner(distance),
                    "semi-hard" => new TripletMarginMiner(distance, Margin ?? 0.2, TripletSelection.SemiHard),
                    _ => new BatchAllMiner(),
                },
            },
            "quadruplet" => new QuadrupletLoss(distance, Margin ?? 0.2, SecondMargin ?? 0.1),
            "bce" => new BinaryCrossEntropyLoss(distance)
            {
                Miner = new PairMiner(distance, EffectiveMiner == "hard-pair" ? PairSelection.Hard : PairSelection.All),
            },
            "prototypical" => new PrototypicalLoss(distance, Shots, Temperature ?? 0.2),
            "cosent" => new CoSentLoss(distance),
            "score-mse" => new ScoreRegressionLoss(distance),
            _ => new NPairLoss(distance, Temperature ?? 0.1),
        };
    }

    /// <summary>Builds the sampler of training batches over data with the given labels.</summary>
    /// <exception cref="ArgumentException">The labels cannot feed this loss (e.g. a class with one sample in class-balanced batches).</exception>
    public IBatchSampler CreateSampler(IReadOnlyList<int> labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Validate();
        if (GradedLossNames.Contains(Loss))
        {
            throw new ArgumentException($"the {Loss} loss learns from scored pairs, not class labels; draw batches with CreatePairSampler");
        }

        if (UsesClassBalancedBatches)
        {
            return new ClassBalancedBatchSampler(labels, BatchSize, SamplesPerClass, seed);
        }

        return TupleWidth == 2
            ? new PairBatchSampler(new BalancedPairSampler(labels, seed), BatchSize / 2)
            : new RandomTupleSampler(labels, BatchSize / TupleWidth, quadruplets: TupleWidth == 4, seed);
    }

    /// <summary>
    /// Batches of <see cref="BatchSize"/> inputs (half as many pairs) from an explicit list of labelled pairs, for the
    /// losses that learn without class labels: every pair with its relation (contrastive, energy-contrastive, bce),
    /// only the positive pairs against each other's partners (npair: the multiple-negatives ranking loss), or every
    /// pair with its graded target (cosent, score-mse; binary pairs count as 1 and 0).
    /// </summary>
    /// <param name="pairs">The pairs over data-set items.</param>
    /// <param name="targets">Each pair's target in [0, 1] for the graded losses, or null to use 1 for same and 0 for different.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">The loss needs class labels (triplet, quadruplet, online mining, prototypical), or there are no pairs it can use.</exception>
    public IBatchSampler CreatePairSampler(PairIndices pairs, float[]? targets, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        (this with { FromPairList = true }).Validate();
        if (!PairListLossNames.Contains(Loss) || (Loss is "bce" && EffectiveMiner != "none"))
        {
            throw new ArgumentException($"the {Loss} loss needs class labels to form its tuples; from a list of pairs use one of {string.Join(", ", PairListLossNames)}");
        }

        int perBatch = BatchSize / 2;
        if (GradedLossNames.Contains(Loss))
        {
            var scores = targets ?? Array.ConvertAll(pairs.Relations, r => r == PairRelation.Same ? 1f : 0f);
            return new ScoredPairBatchSampler(new ScoredPairIndices(pairs.Left, pairs.Right, scores), perBatch, seed);
        }

        if (Loss == "npair")
        {
            var same = Enumerable.Range(0, pairs.Count).Where(i => pairs.Relations[i] == PairRelation.Same).ToArray();
            if (same.Length < 2)
            {
                throw new ArgumentException($"the npair loss learns from positive pairs against each other; the list has {same.Length}");
            }

            var positives = new PairIndices(same.Select(i => pairs.Left[i]).ToArray(), same.Select(i => pairs.Right[i]).ToArray(), same.Select(_ => PairRelation.Same).ToArray());
            return new PairBatchSampler(new PairListSampler(positives, seed), Math.Min(perBatch, same.Length));
        }

        return new PairBatchSampler(new PairListSampler(pairs, seed), perBatch);
    }
}
