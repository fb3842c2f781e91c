using Siamese.Data;

namespace Siamese.Sources;

/// <summary>
/// Fashion-MNIST from its gzipped IDX files: the train split is trained and validated on; the test split is the test
/// part (its unseen classes only, when classes are held out), with the train split as its gallery.
/// </summary>
public sealed record FashionMnistSource : DataSourceSpec
{
    /// <summary>Folder with the four IDX files, or null for <see cref="FashionMnist.DefaultDirectory"/>.</summary>
    public string? Folder { get; init; }

    /// <summary>How the images are split (validation held out by sample unless it says otherwise).</summary>
    public ImageSplitOptions Split { get; init; } = new();

    /// <inheritdoc />
    public override void Validate() => (Split ?? throw new ArgumentException("fashion-mnist: the split options are missing")).Validate();

    /// <inheritdoc />
    public override DataSplits Load(int seed)
    {
        Validate();
        var all = FashionMnist.Load(Folder, FashionMnistSplit.Train);
        var test = FashionMnist.Load(Folder, FashionMnistSplit.Test);
        return ImageClassSplit.Apply(all, test, FashionMnist.ClassNames, Split, ValidationHoldout.Sample, "Fashion-MNIST train", seed, []);
    }
}
