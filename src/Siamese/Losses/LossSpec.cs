using System.Text.Json.Serialization;
using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;

namespace Siamese.Losses;

/// <summary>
/// A loss with its settings, as a recipe or a bundle stores it (JSON, the property "loss" names the kind; see
/// <see cref="LossCatalog"/>): it builds the <see cref="MetricLoss"/> over a distance and declares its batch plans,
/// which alone choose the sampler. Each loss has its own spec record beside its class, holding only its own settings.
/// <see cref="BatchSize"/> counts inputs embedded per step for every loss, so set-ups with equal batch sizes see the
/// same number of examples.
/// </summary>
public abstract record LossSpec
{
    /// <summary>The loss's name in the catalog (and on the command line), e.g. "triplet".</summary>
    [JsonIgnore]
    public string Name => LossCatalog.NameOf(GetType());

    /// <summary>Inputs embedded per step (default 256; rounded down to whole pairs, triplets or quadruplets).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Class-balanced batches: items of each class per batch (default 32).</summary>
    public int SamplesPerClass { get; init; } = 32;

    /// <summary>The miner, or null for the loss's default (the first of <see cref="Miners"/>).</summary>
    public MinerKind? Miner { get; init; }

    /// <summary>The miners this loss accepts; the first is its default.</summary>
    [JsonIgnore]
    public virtual IReadOnlyList<MinerKind> Miners => [MinerKind.None];

    /// <summary>The miner in use: <see cref="Miner"/>, or the loss's default.</summary>
    [JsonIgnore]
    public MinerKind EffectiveMiner => Miner ?? Miners[0];

    /// <summary>The batches this loss trains on when the data has class labels, or null when it cannot learn from them.</summary>
    [JsonIgnore]
    public abstract LabelBatchPlan? ClassLabelPlan { get; }

    /// <summary>The batches this loss trains on from an explicit list of pairs, or null when it needs class labels.</summary>
    [JsonIgnore]
    public abstract PairBatchPlan? PairListPlan { get; }

    /// <summary>Whether the loss regresses graded pair scores (it learns only from scored pairs).</summary>
    [JsonIgnore]
    public bool LearnsFromScores => ClassLabelPlan is null && PairListPlan is ScoredPairBatches;

    /// <summary>
    /// The validation figure this loss's runs keep their best epoch by when the validation gives it and the recipe
    /// names none (e.g. "1nn": nearest-neighbour accuracy among the validation items), or null for the evaluator's own
    /// primary figure (the validation pairs' AUC).
    /// </summary>
    [JsonIgnore]
    public virtual string? SelectionMetric => null;

    /// <summary>Builds the loss over <paramref name="distance"/>.</summary>
    /// <exception cref="ArgumentException">Invalid settings (the miner included), or a distance the loss cannot work with.</exception>
    public MetricLoss Build(IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        CheckSettings();
        return Create(distance);
    }

    /// <summary>
    /// The spec with any default that depends on the embeddings filled in (e.g. the energy bound of normalised
    /// embeddings); the spec itself when it has none.
    /// </summary>
    /// <param name="distance">The network's distance.</param>
    /// <param name="dimension">The embedding dimension.</param>
    /// <param name="normalized">Whether the embeddings are L2-normalised.</param>
    public virtual LossSpec ForEmbeddings(IDistance distance, int dimension, bool normalized) => this;

    /// <summary>What one step trains on from class labels, e.g. "128 random pairs" or "8 classes x 32 samples, batch-hard mining".</summary>
    public virtual string DescribeBatch() => ClassLabelPlan switch
    {
        ClassBalancedBatches batches => $"{batches.Describe()}, {(EffectiveMiner == MinerKind.All ? "all in-batch tuples" : MinerName(EffectiveMiner) + " mining")}",
        { } plan => plan.Describe(),
        null => PairListPlan?.Describe() ?? "",
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting for training from class labels, or from a pair list.</summary>
    /// <param name="fromPairList">Check the pair-list plan instead of the class-label plan.</param>
    public void Validate(bool fromPairList = false)
    {
        CheckSettings();
        BatchPlan plan = fromPairList
            ? PairListPlan ?? throw new ArgumentException($"the {Name} loss needs class labels to form its tuples; from a list of pairs use one of {string.Join(", ", LossCatalog.PairListNames)}")
            : ClassLabelPlan ?? throw new ArgumentException($"the {Name} loss learns from scored pairs, not class labels; draw batches from a list of pairs with CreatePairSampler");
        if (BatchSize < 2 * plan.TupleWidth)
        {
            throw new ArgumentException($"the batch size must be at least {2 * plan.TupleWidth} inputs for the {Name} loss (got {BatchSize})");
        }

        plan.Validate();
    }

    /// <summary>Builds the sampler of training batches over data with the given class labels, by <see cref="ClassLabelPlan"/>.</summary>
    /// <exception cref="ArgumentException">Invalid settings, a loss that learns from scored pairs, or labels that cannot feed the plan.</exception>
    public IBatchSampler CreateSampler(IReadOnlyList<int> labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Validate();
        return ClassLabelPlan!.CreateSampler(labels, seed);
    }

    /// <summary>Builds the sampler of training batches over an explicit list of pairs, by <see cref="PairListPlan"/>.</summary>
    /// <param name="pairs">The pairs over data-set items.</param>
    /// <param name="targets">Each pair's target in [0, 1] for the graded losses, or null to use 1 for same and 0 for different.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">The loss needs class labels, or there are no pairs it can use.</exception>
    public IBatchSampler CreatePairSampler(PairIndices pairs, float[]? targets, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Validate(fromPairList: true);
        return PairListPlan!.CreateSampler(pairs, targets, seed);
    }

    /// <summary>A miner's name as JSON and the command line write it, e.g. "batch-hard".</summary>
    public static string MinerName(MinerKind miner) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(miner.ToString());

    /// <summary>Builds the loss, its settings checked.</summary>
    protected abstract MetricLoss Create(IDistance distance);

    /// <summary>Checks the loss's own settings (margins, temperatures, shots); throws <see cref="ArgumentException"/> naming the bad one.</summary>
    protected virtual void ValidateSettings()
    {
    }

    private void CheckSettings()
    {
        if (Miner is { } miner && !Miners.Contains(miner))
        {
            throw new ArgumentException($"the {Name} loss takes the miner {string.Join(" or ", Miners.Select(MinerName))}, not '{MinerName(miner)}'");
        }

        ValidateSettings();
    }
}
