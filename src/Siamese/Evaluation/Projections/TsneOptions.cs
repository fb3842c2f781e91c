namespace Siamese.Evaluation.Projections;

/// <summary>
/// Settings of exact t-SNE (<see cref="EmbeddingProjection.Tsne(float[], int, TsneOptions?, CancellationToken)"/>). The defaults
/// are those of van der Maaten and Hinton (2008) as implemented by scikit-learn; <see cref="Validate"/> names the first
/// invalid setting.
/// </summary>
public sealed record TsneOptions
{
    /// <summary>
    /// Effective number of neighbours each point's Gaussian covers, 2^H with H the entropy of its conditional
    /// distribution (default 30). Must be at least 1 and below the number of points; 5 to 50 is usual.
    /// </summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Gradient-descent iterations, the exaggeration phase included (default 1000).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Factor on the input affinities during the first <see cref="ExaggerationIterations"/> iterations (default 12).</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>
    /// Iterations of early exaggeration, during which the momentum is <see cref="InitialMomentum"/>; afterwards it is
    /// <see cref="FinalMomentum"/> (default 250).
    /// </summary>
    public int ExaggerationIterations { get; init; } = 250;

    /// <summary>
    /// Step size; null (the default) chooses max(n / <see cref="EarlyExaggeration"/> / 4, 50) for n points
    /// (Belkina et al. 2019, scikit-learn's "auto"). A fixed 200 is the classic choice.
    /// </summary>
    public double? LearningRate { get; init; }

    /// <summary>Momentum during early exaggeration (default 0.5).</summary>
    public double InitialMomentum { get; init; } = 0.5;

    /// <summary>Momentum after early exaggeration (default 0.8).</summary>
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>
    /// Floor of the per-coordinate gains of the delta-bar-delta rule (Jacobs 1988): a gain grows by 0.2 while its
    /// gradient keeps changing sign against the last step and shrinks by a factor 0.8 otherwise (default 0.01).
    /// </summary>
    public double MinGain { get; init; } = 0.01;

    /// <summary>How the map starts (default <see cref="TsneInitialization.Pca"/>, which uses no randomness).</summary>
    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>Seed of the random start, used only when the start is random (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(Perplexity >= 1 && double.IsFinite(Perplexity), "perplexity must be a number of at least 1");
        Require(Iterations >= 1, "iterations must be at least 1");
        Require(EarlyExaggeration >= 1 && double.IsFinite(EarlyExaggeration), "early exaggeration must be a number of at least 1");
        Require(ExaggerationIterations >= 0, "exaggeration iterations must be 0 or positive");
        Require(LearningRate is null || (LearningRate > 0 && double.IsFinite(LearningRate.Value)), "learning rate must be a positive number, or null for automatic");
        Require(InitialMomentum is >= 0 and < 1, "initial momentum must be in [0, 1)");
        Require(FinalMomentum is >= 0 and < 1, "final momentum must be in [0, 1)");
        Require(MinGain > 0 && double.IsFinite(MinGain), "minimum gain must be a positive number");
        Require(Enum.IsDefined(Initialization), $"unknown initialisation {Initialization}");
    }

    /// <summary>The step size used for <paramref name="pointCount"/> points: <see cref="LearningRate"/>, or the automatic choice.</summary>
    /// <param name="pointCount">Number of points in the map.</param>
    public double LearningRateFor(int pointCount) => LearningRate ?? Math.Max(pointCount / EarlyExaggeration / 4, 50);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
