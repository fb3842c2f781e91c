namespace Siamese.Evaluation.Projections;

/// <summary>Where t-SNE starts its map (see <see cref="TsneOptions.Initialization"/>).</summary>
public enum TsneInitialization
{
    /// <summary>
    /// The first two principal components, scaled so the first has standard deviation 1e-4: deterministic, and it
    /// keeps the global layout of the data better than a random start. Falls back to <see cref="Random"/> when the
    /// data have fewer than two dimensions or no variance.
    /// </summary>
    Pca,

    /// <summary>Independent Gaussian coordinates with standard deviation 1e-4, drawn from <see cref="TsneOptions.Seed"/>.</summary>
    Random,
}
