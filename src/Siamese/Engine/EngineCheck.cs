namespace Siamese.Engine;

/// <summary>
/// Checks that the tensor engine computes right on this machine: how it is set up (threads, the oneDNN instruction-set
/// cap, NNPACK) and every <see cref="ConvolutionCheck.Standard"/> convolution against its float64 reference, twice.
/// </summary>
/// <remarks>
/// A kernel that leaves part of its output unwritten shows as a wrong or non-finite result when the memory it
/// leaves behind holds garbage; run the check with glibc's <c>MALLOC_PERTURB_</c> set so that
/// fresh allocations are filled with a pattern instead of whatever zeros or old values they happened to hold (the
/// test suite's <c>siamese doctor</c> test does; the in-process test runs without it).
/// </remarks>
public static class EngineCheck
{
    /// <summary>Runs every check; call it on a thread whose tensors you do not mind seeing created and disposed.</summary>
    public static EngineCheckReport Run()
    {
        TorchEngine.EnsureInitialized();
        var results = new List<ConvolutionCheckResult>();
        int seed = 1;
        foreach (var check in ConvolutionCheck.Standard)
        {
            var (error, repeatable) = check.Run(seed++);
            results.Add(new ConvolutionCheckResult(check, error, repeatable));
        }

        return new EngineCheckReport(
            TorchEngine.Threads, TorchEngine.OneDnnIsaCap, TorchEngine.OneDnnIsaCapFromEnvironment, TorchEngine.NnpackEnabled, results);
    }
}
