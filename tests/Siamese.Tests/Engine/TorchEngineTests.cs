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
    public void OneDnnIsaCap_NoCapInTheEnvironment_IsAvx2InTheNativeEnvironment()
    {
        // Given the engine, in a test process whose environment may or may not set a cap of its own
        TorchEngine.EnsureInitialized();

        // Then the cap is AVX2 unless the environment chose one, and it is what native code (oneDNN) reads
        string? cap = TorchEngine.OneDnnIsaCap;
        Assert.Equal(TorchEngine.OneDnnIsaCapFromEnvironment ? cap : "AVX2", cap);
        Assert.Equal(cap, NativeEnvironment.Get(NativeEnvironment.IsaVariable) ?? NativeEnvironment.Get(NativeEnvironment.LegacyIsaVariable));
    }

    [Fact]
    public void NnpackEnabled_AfterInitialization_IsOff()
    {
        TorchEngine.EnsureInitialized();

        Assert.False(TorchEngine.NnpackEnabled);
    }
}
