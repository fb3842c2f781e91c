namespace Siamese.Engine;

/// <summary>What one <see cref="ConvolutionCheck"/> found.</summary>
/// <param name="Check">The shape checked.</param>
/// <param name="RelativeError">Largest relative difference from the float64 reference; NaN when a result was not finite.</param>
/// <param name="Repeatable">Whether two runs on the same data gave the same bits.</param>
public sealed record ConvolutionCheckResult(ConvolutionCheck Check, double RelativeError, bool Repeatable)
{
    /// <summary>Right (within <see cref="ConvolutionCheck.Tolerance"/>) and repeatable.</summary>
    public bool Passed => RelativeError <= ConvolutionCheck.Tolerance && Repeatable;
}
