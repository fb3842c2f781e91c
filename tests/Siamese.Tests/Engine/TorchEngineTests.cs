using Siamese.Engine;
using TorchSharp;

namespace Siamese.Tests.Engine;

public class TorchEngineTests
{
    [Fact]
    public void EnsureInitialized_OnThisMachine_LoadsLibTorchAndComputes()
    {
        // Given the engine set up by the build's native fix
        TorchEngine.EnsureInitialized();

        // When a tensor is made and reduced
        using var ones = torch.ones(3, 4);
        using var sum = ones.sum();

        // Then libtorch answered
        Assert.Equal(12f, sum.item<float>());
    }

    [Fact]
    public void LibTorchSharpInOutput_RequiresGlibcxx3432OnlyWeakly()
    {
        // Given the copy of the native wrapper beside the test assembly
        string path = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"{path} is missing");

        // When its version requirements are read
        var flags = ElfVersionNeeds.Read(path);

        // Then GLIBCXX_3.4.32 is present and marked weak (0x2), and nothing else was weakened
        Assert.Equal(0x2, flags["GLIBCXX_3.4.32"] & 0x2);
        Assert.All(flags.Where(kv => kv.Key != "GLIBCXX_3.4.32"), kv => Assert.Equal(0, kv.Value & 0x2));
    }

    [Fact]
    public void OneDnnIsaCap_AsTheProcessStarted_IsTheUsersCapOrElseAvx2()
    {
        // Given the environment the process started with (/proc/self/environ: what the user set, before any setenv)
        string? started = File.ReadAllText("/proc/self/environ").Split('\0')
            .Where(v => v.StartsWith("ONEDNN_MAX_CPU_ISA=", StringComparison.Ordinal) || v.StartsWith("DNNL_MAX_CPU_ISA=", StringComparison.Ordinal))
            .Select(v => v[(v.IndexOf('=') + 1)..])
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        // When the engine is set up
        TorchEngine.EnsureInitialized();

        // Then the cap is the user's when they set one, else AVX2, and native code (oneDNN) reads that value
        Assert.Equal(started ?? "AVX2", TorchEngine.OneDnnIsaCap);
        Assert.Equal(started is not null, TorchEngine.OneDnnIsaCapFromEnvironment);
        string? native = new[] { NativeEnvironment.Get(NativeEnvironment.IsaVariable), NativeEnvironment.Get(NativeEnvironment.LegacyIsaVariable) }
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        Assert.Equal(TorchEngine.OneDnnIsaCap, native);
    }

    [Fact]
    public void NnpackEnabled_AfterInitialization_IsOff()
    {
        TorchEngine.EnsureInitialized();

        Assert.False(TorchEngine.NnpackEnabled);
    }
}
