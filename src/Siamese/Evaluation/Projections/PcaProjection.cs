namespace Siamese.Evaluation.Projections;

/// <summary>
/// Points projected on their leading principal components by
/// <see cref="EmbeddingProjection.Pca(float[], int, int)"/>. Each component is a unit vector whose loading of
/// largest magnitude is positive (the first such loading on a tie), so the signs do not depend on the solver.
/// </summary>
public sealed record PcaProjection
{
    /// <summary>Coordinates of the centred points on the components, (points, components) row-major.</summary>
    public required double[,] Coordinates { get; init; }

    /// <summary>The principal axes, (components, input dimension): row c is the unit direction of component c.</summary>
    public required double[,] Components { get; init; }

    /// <summary>The input's column means, subtracted before projecting.</summary>
    public required double[] Mean { get; init; }

    /// <summary>Variance of the points along each component (with the n − 1 denominator), largest first.</summary>
    public required double[] ExplainedVariance { get; init; }

    /// <summary>
    /// Each component's share of the total variance, in [0, 1], largest first; their sum is at most 1. All zero when
    /// the points have no variance.
    /// </summary>
    public required double[] ExplainedVarianceRatio { get; init; }

    /// <summary>Number of points.</summary>
    public int PointCount => Coordinates.GetLength(0);

    /// <summary>Number of components.</summary>
    public int ComponentCount => Coordinates.GetLength(1);

    /// <summary>First coordinate of every point (a new array on each call).</summary>
    public double[] X => Column(0);

    /// <summary>Second coordinate of every point (a new array on each call); zeros when there is only one component.</summary>
    public double[] Y => ComponentCount > 1 ? Column(1) : new double[PointCount];

    /// <summary>The coordinate of every point on one component.</summary>
    /// <param name="component">Zero-based component, below <see cref="ComponentCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="component"/> is out of range.</exception>
    public double[] Column(int component)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(component);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(component, ComponentCount);
        var column = new double[PointCount];
        for (int i = 0; i < column.Length; i++)
        {
            column[i] = Coordinates[i, component];
        }

        return column;
    }
}
