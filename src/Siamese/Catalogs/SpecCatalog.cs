using System.Text.Json.Serialization.Metadata;

namespace Siamese.Catalogs;

/// <summary>
/// The kinds of one family of specification records (data sources, losses, ...) by name: the one place a new kind is
/// registered. It names the kinds in messages and on the command line, and makes the base record JSON-polymorphic
/// (the name goes in a discriminator property), so no list of derived types sits on the base.
/// </summary>
/// <typeparam name="TBase">The family's abstract base record.</typeparam>
public sealed class SpecCatalog<TBase>
    where TBase : class
{
    private readonly List<(string Name, Type Type)> entries = [];

    private readonly bool settingsOnly;

    /// <summary>Creates an empty catalog whose JSON names the kind in <paramref name="discriminator"/>.</summary>
    /// <param name="discriminator">The JSON property that holds a kind's name.</param>
    /// <param name="settingsOnly">
    /// Write each kind's settable members only (default); false keeps get-only members too, for a family whose JSON
    /// was written so before it had a catalog and must stay byte for byte the same (what fingerprints hash).
    /// </param>
    public SpecCatalog(string discriminator, bool settingsOnly = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(discriminator);
        Discriminator = discriminator;
        this.settingsOnly = settingsOnly;
    }

    /// <summary>The JSON property that holds a kind's name.</summary>
    public string Discriminator { get; }

    /// <summary>The kinds' names, in the order they were registered.</summary>
    public IReadOnlyList<string> Names => entries.ConvertAll(e => e.Name);

    /// <summary>Registers a kind.</summary>
    /// <typeparam name="T">The kind's record type.</typeparam>
    /// <param name="name">Its name: lower-case, unique in the catalog.</param>
    /// <returns>This catalog, to chain registrations.</returns>
    /// <exception cref="ArgumentException">The name or the type is registered already.</exception>
    public SpecCatalog<TBase> Add<T>(string name)
        where T : TBase
    {
        if (entries.Exists(e => e.Name == name || e.Type == typeof(T)))
        {
            throw new ArgumentException($"{typeof(TBase).Name} catalog: '{name}' or {typeof(T).Name} is registered twice");
        }

        entries.Add((name, typeof(T)));
        return this;
    }

    /// <summary>The name a kind is registered under.</summary>
    /// <exception cref="ArgumentException">The type is not registered.</exception>
    public string NameOf(Type type) =>
        entries.Find(e => e.Type == type).Name
        ?? throw new ArgumentException($"{type.Name} is not in the {typeof(TBase).Name} catalog; add a line for it there");

    /// <summary>
    /// The kind named <paramref name="name"/> read from <paramref name="settings"/> (camel-case member names, the
    /// discriminator added); settings the kind does not have are ignored, so one set of options can feed any kind.
    /// </summary>
    /// <param name="name">The kind's name.</param>
    /// <param name="settings">Its settings.</param>
    /// <param name="options">JSON settings that include this catalog's <see cref="AddPolymorphism"/>.</param>
    /// <param name="family">What the kinds are, for messages: "loss", "encoder".</param>
    /// <exception cref="ArgumentException">Unknown name, or a setting of the wrong type.</exception>
    public TBase Create(string name, System.Text.Json.Nodes.JsonObject settings, System.Text.Json.JsonSerializerOptions options, string family)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        if (Find(name ?? throw new ArgumentNullException(nameof(name))) is null)
        {
            throw new ArgumentException($"unknown {family} '{name}'; expected one of {string.Join(", ", Names)}");
        }

        var json = new System.Text.Json.Nodes.JsonObject { [Discriminator] = name };
        foreach (var (key, value) in settings)
        {
            if (key != Discriminator && value is not null)
            {
                json[key] = value.DeepClone();
            }
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<TBase>(json, options)!;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ArgumentException($"the {name} {family}'s settings are invalid ({ex.Message})", ex);
        }
    }

    /// <summary>The kind registered under <paramref name="name"/>, or null.</summary>
    public Type? Find(string name) => entries.Find(e => e.Name == name).Type;

    /// <summary>
    /// A <see cref="DefaultJsonTypeInfoResolver"/> modifier that makes <typeparamref name="TBase"/> polymorphic over the
    /// registered kinds and writes each kind as its settings only (get-only members are left out).
    /// </summary>
    public void AddPolymorphism(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (settingsOnly && info.Kind == JsonTypeInfoKind.Object && (info.Type == typeof(TBase) || entries.Exists(e => e.Type == info.Type)))
        {
            // A kind's JSON is its settings: computed, get-only members (its name, its batch plans) are left out.
            for (int i = info.Properties.Count - 1; i >= 0; i--)
            {
                if (info.Properties[i].Set is null)
                {
                    info.Properties.RemoveAt(i);
                }
            }
        }

        if (info.Type != typeof(TBase))
        {
            return;
        }

        var options = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = Discriminator,
            UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (name, type) in entries)
        {
            options.DerivedTypes.Add(new JsonDerivedType(type, name));
        }

        info.PolymorphismOptions = options;
    }
}
