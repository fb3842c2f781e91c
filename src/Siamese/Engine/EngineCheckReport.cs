namespace Siamese.Engine;

/// <summary>The engine's set-up and the results of <see cref="EngineCheck.Run"/>.</summary>
/// <param name="Threads">libtorch's intra-op threads.</param>
/// <param name="OneDnnIsaCap">The oneDNN instruction-set cap in effect (<see cref="TorchEngine.OneDnnIsaCap"/>).</param>
/// <param name="OneDnnIsaCapFromEnvironment">Whether the user's environment set the cap.</param>
/// <param name="NnpackEnabled">Whether libtorch may use NNPACK.</param>
/// <param name="Convolutions">One result per checked convolution shape.</param>
public sealed record EngineCheckReport(
    int Threads, string? OneDnnIsaCap, bool OneDnnIsaCapFromEnvironment, bool NnpackEnabled, IReadOnlyList<ConvolutionCheckResult> Convolutions)
{
    /// <summary>Every convolution right and repeatable.</summary>
    public bool Passed => Convolutions.All(c => c.Passed);
}
