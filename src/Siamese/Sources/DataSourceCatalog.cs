using System.Text.Json.Serialization.Metadata;
using Siamese.Catalogs;

namespace Siamese.Sources;

/// <summary>Every kind of <see cref="DataSourceSpec"/> by name: adding a source is its record and one line here.</summary>
public static class DataSourceCatalog
{
    private static readonly SpecCatalog<DataSourceSpec> Kinds = new SpecCatalog<DataSourceSpec>("source")
        .Add<FashionMnistSource>("fashion-mnist")
        .Add<ImageFolderSource>("image-folder")
        .Add<ImagePairListSource>("image-pairs")
        .Add<TextPairFileSource>("text-pairs");

    /// <summary>The sources' names, in catalog order.</summary>
    public static IReadOnlyList<string> Names => Kinds.Names;

    /// <summary>The name a source record is registered under.</summary>
    /// <exception cref="ArgumentException">The type is not in the catalog.</exception>
    public static string NameOf(Type type) => Kinds.NameOf(type);

    /// <summary>A JSON resolver modifier that reads and writes <see cref="DataSourceSpec"/> polymorphically, named by <c>"source"</c>.</summary>
    public static void AddPolymorphism(JsonTypeInfo info) => Kinds.AddPolymorphism(info);
}
