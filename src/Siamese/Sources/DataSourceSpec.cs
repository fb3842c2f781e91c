namespace Siamese.Sources;

/// <summary>
/// Where a run's data comes from and how it is split, as a serialisable record (the data part of a training recipe).
/// Each kind of data is one sealed record deriving from this one and one line of <see cref="DataSourceCatalog"/>, which
/// also names it in JSON (the <c>"source"</c> property).
/// </summary>
public abstract record DataSourceSpec
{
    /// <summary>The catalog name of this kind of source (e.g. "fashion-mnist"), as the JSON and the messages show it.</summary>
    public string Kind => DataSourceCatalog.NameOf(GetType());

    /// <summary>Whether the training part has class labels (the loss mines or draws its tuples from them); false for sources of explicit pairs.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual bool HasClassLabels => true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting, before anything is read.</summary>
    public abstract void Validate();

    /// <summary>Reads the data and splits it into training, validation and (when the source has one) test parts.</summary>
    /// <param name="seed">Seed of every random split (the run's seed).</param>
    /// <exception cref="ArgumentException">The settings do not fit the data (e.g. too few classes to hold some out).</exception>
    /// <exception cref="Data.DataFormatException">A file is missing or malformed.</exception>
    public abstract DataSplits Load(int seed);
}
