using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Siamese.Catalogs;

namespace Siamese.Encoders;

/// <summary>
/// Every kind of <see cref="EncoderSpec"/> by name: adding an encoder is its module, its spec record and one line here
/// (<c>siamese train --encoder NAME</c> then builds image encoders of it from the options they share).
/// </summary>
public static class EncoderCatalog
{
    // Get-only members stay in the JSON (outputDimension): bundles were written so, and fingerprints hash that JSON.
    private static readonly SpecCatalog<EncoderSpec> Kinds = new SpecCatalog<EncoderSpec>("kind", settingsOnly: false)
        .Add<ConvEncoderSpec>("cnn")
        .Add<MlpEncoderSpec>("mlp")
        .Add<TextEncoderSpec>("text");

    /// <summary>The encoders' names, in catalog order.</summary>
    public static IReadOnlyList<string> Names => Kinds.Names;

    /// <summary>The encoders of images (every kind but those that read token ids, <see cref="ITokenEncoderSpec"/>).</summary>
    public static IReadOnlyList<string> ImageNames => [.. Names.Where(n => !typeof(ITokenEncoderSpec).IsAssignableFrom(Kinds.Find(n)))];

    /// <summary>The name a spec record is registered under.</summary>
    /// <exception cref="ArgumentException">The type is not in the catalog.</exception>
    public static string NameOf(Type type) => Kinds.NameOf(type);

    /// <summary>
    /// The spec of the encoder named <paramref name="name"/> with the settings given in <paramref name="settings"/>
    /// (camel-case names as in a bundle); settings the encoder does not have are ignored, so one set of options can
    /// feed any encoder.
    /// </summary>
    /// <param name="name">The encoder's name.</param>
    /// <param name="settings">Its settings.</param>
    /// <param name="options">The JSON settings to read with (a bundle's: <c>ModelBundle.JsonOptions</c>).</param>
    /// <exception cref="ArgumentException">Unknown name, or a setting of the wrong type.</exception>
    public static EncoderSpec Create(string name, JsonObject settings, JsonSerializerOptions options) => Kinds.Create(name, settings, options, "encoder");

    /// <summary>A JSON resolver modifier that reads and writes <see cref="EncoderSpec"/> polymorphically, named by <c>"kind"</c>.</summary>
    public static void AddPolymorphism(JsonTypeInfo info) => Kinds.AddPolymorphism(info);
}
