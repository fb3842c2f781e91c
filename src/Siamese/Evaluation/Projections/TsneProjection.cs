namespace Siamese.Evaluation.Projections;

/// <summary>A 2-D t-SNE map made by <see cref="EmbeddingProjection.Tsne(float[], int, TsneOptions?, CancellationToken)"/>.</summary>
public sealed record TsneProjection
{
    /// <summary>First map coordinate of every point, in input order. The map is centred; its scale has no meaning.</summary>
    public required double[] X { get; init; }

    /// <summary>Second map coordinate of every point, in input order.</summary>
    public required double[] Y { get; init; }

    /// <summary>
    /// Kullback-Leibler divergence KL(P‖Q) of the final map, without exaggeration: the cost t-SNE minimises. Lower is
    /// better, but it is only comparable between maps of the same data and perplexity.
    /// </summary>
    public required double KlDivergence { get; init; }

    /// <summary>The step size used.</summary>
    public required double LearningRate { get; init; }

    /// <summary>The start actually used (a PCA start falls back to a random one on degenerate data).</summary>
    public required TsneInitialization Initialization { get; init; }

    /// <summary>Number of points.</summary>
    public int PointCount => X.Length;
}
