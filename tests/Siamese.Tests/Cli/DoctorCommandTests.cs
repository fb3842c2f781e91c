namespace Siamese.Tests.Cli;

/// <summary>
/// <c>siamese doctor</c> in a process of its own: the engine as the command line really sets it up, before libtorch loads.
/// </summary>
public class DoctorCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Doctor_FreshProcessWithPoisonedAllocations_EveryConvolutionRightOnAvx2Kernels()
    {
        // Given a fresh process whose fresh allocations are filled with a pattern (an unwritten output shows as
        // 3.4e38 instead of a lucky zero) and whose oneDNN reports what it dispatches
        var environment = new Dictionary<string, string> { ["MALLOC_PERTURB_"] = "128", ["ONEDNN_VERBOSE"] = "1" };

        // When doctor runs
        var (code, output, error) = CliProcess.Run(["doctor", "--threads", "2"], Timeout, environment);

        // Then every convolution is right and repeatable, oneDNN read the cap Siamese set before libtorch loaded,
        // every convolution ran an AVX2 kernel (none AVX-512), and libtorch printed no NNPACK warning
        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.Contains("AVX2 (set by Siamese)", output);
        Assert.Contains("onednn_verbose,v1,info,cpu,isa:Intel AVX2", output);
        var convolutions = output.Split('\n').Where(l => l.Contains(",primitive,exec,cpu,convolution,")).ToList();
        Assert.NotEmpty(convolutions);
        Assert.All(convolutions, line => Assert.Contains(",jit:avx2,", line));
        Assert.Contains(convolutions, line => line.Contains("backward_weights") && line.Contains("_ic1oc8_"));
        Assert.DoesNotContain("Could not initialize NNPACK", error + output);
        Assert.DoesNotContain("FAILED", output);
    }

    [Fact]
    public void Doctor_CapSetByTheUser_KeepsTheUsersCap()
    {
        // Given a user who capped oneDNN lower themselves
        var environment = new Dictionary<string, string> { ["ONEDNN_MAX_CPU_ISA"] = "SSE41", ["ONEDNN_VERBOSE"] = "1" };

        // When doctor runs
        var (code, output, error) = CliProcess.Run(["doctor", "--threads", "2"], Timeout, environment);

        // Then the user's cap is the one oneDNN runs under
        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.Contains("SSE41 (from the environment)", output);
        Assert.Contains("isa:Intel SSE4.1", output);
    }
}
