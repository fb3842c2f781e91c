using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Siamese.Catalogs;

namespace Siamese.Losses;

/// <summary>
/// Every kind of <see cref="LossSpec"/> by name, in the order the command line lists them: adding a loss is its class,
/// its spec record and one line here.
/// </summary>
public static class LossCatalog
{
    private static readonly SpecCatalog<LossSpec> Kinds = new SpecCatalog<LossSpec>("loss")
        .Add<ContrastiveLossSpec>("contrastive")
        .Add<EnergyContrastiveLossSpec>("energy-contrastive")
        .Add<OnlineContrastiveLossSpec>("online-contrastive")
        .Add<TripletLossSpec>("triplet")
        .Add<QuadrupletLossSpec>("quadruplet")
        .Add<NPairLossSpec>("npair")
        .Add<BinaryCrossEntropyLossSpec>("bce")
        .Add<PrototypicalLossSpec>("prototypical")
        .Add<CoSentLossSpec>("cosent")
        .Add<ScoreRegressionLossSpec>("score-mse");

    // Named settings are read as recipes write them: camel-case members, kebab-case enum names (miners).
    private static readonly JsonSerializerOptions SettingsOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowOutOfOrderMetadataProperties = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddPolymorphism } },
    };

    /// <summary>The losses' names, in the order the command line lists them.</summary>
    public static IReadOnlyList<string> Names => Kinds.Names;

    /// <summary>The losses that can learn from an explicit list of pairs (no class labels) with their default miner.</summary>
    public static IReadOnlyList<string> PairListNames => [.. Names.Where(n => Create(n).PairListPlan is not null)];

    /// <summary>The losses that regress graded pair scores in [0, 1] (binary labels count as 0 and 1).</summary>
    public static IReadOnlyList<string> GradedNames => [.. Names.Where(n => Create(n).LearnsFromScores)];

    /// <summary>The name a spec record is registered under.</summary>
    /// <exception cref="ArgumentException">The type is not in the catalog.</exception>
    public static string NameOf(Type type) => Kinds.NameOf(type);

    /// <summary>Whether <paramref name="name"/> is a loss of the catalog.</summary>
    public static bool Contains(string name) => Kinds.Find(name) is not null;

    /// <summary>The spec of the loss named <paramref name="name"/> with every setting at its default.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static LossSpec Create(string name) => (LossSpec)Activator.CreateInstance(TypeOf(name))!;

    /// <summary>
    /// The spec of the loss named <paramref name="name"/> with the settings given in <paramref name="settings"/>
    /// (camel-case property names as in a recipe); settings the loss does not have are ignored, so one set of
    /// command-line options can feed any loss.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, or a setting of the wrong type.</exception>
    public static LossSpec Create(string name, JsonObject settings) => Kinds.Create(name, settings, SettingsOptions, "loss");

    /// <summary>A JSON resolver modifier that reads and writes <see cref="LossSpec"/> polymorphically, named by <c>"loss"</c>.</summary>
    public static void AddPolymorphism(JsonTypeInfo info) => Kinds.AddPolymorphism(info);

    private static Type TypeOf(string name) =>
        Kinds.Find(name ?? throw new ArgumentNullException(nameof(name)))
        ?? throw new ArgumentException($"unknown loss '{name}'; expected one of {string.Join(", ", Names)}");
}
