using System.Runtime.InteropServices;
using TorchSharp;

namespace Siamese.Engine;

/// <summary>
/// One-time set-up of the tensor engine (libtorch through TorchSharp): loads the native library with oneDNN capped at
/// AVX2 (unless the environment already sets <c>ONEDNN_MAX_CPU_ISA</c>) and NNPACK off, tunes glibc's allocator for
/// large tensor buffers, and sets seeds and thread counts.
/// </summary>
/// <remarks>
/// Why the cap: libtorch-cpu 2.10.0's oneDNN AVX-512 kernel for the weight gradient of a one-input-channel
/// convolution left part of its output unwritten on an AVX-512 AMD EPYC, so trainings diverged with NaN at random and
/// same-seed runs differed; its AVX2 kernels are correct there, and a run at a fixed seed and thread count gives the
/// same weights every time. NNPACK is off so that convolutions take the same oneDNN path on every machine (and libtorch
/// stops printing "Could not initialize NNPACK!" where the hardware lacks it). <c>siamese doctor</c> checks both.
/// </remarks>
public static class TorchEngine
{
    private const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MallocMmapThreshold = -3; // M_MMAP_THRESHOLD
    private static readonly object Gate = new();
    private static bool initialized;

    /// <summary>
    /// Loads libtorch and, on Linux, raises glibc's mmap and trim thresholds (32 MiB and 1 GiB) so that
    /// tensor buffers freed at the end of a step are reused instead of being returned to the OS and
    /// faulted back in on the next step; turns NNPACK off. Safe to call more than once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The native engine could not be loaded, or libtorch was loaded by
    /// other code before Siamese could cap oneDNN (and the environment sets no cap itself).</exception>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (initialized)
            {
                return;
            }

            NativeEnvironment.Prepare();
            if (NativeEnvironment.LibTorchLoadedFirst && !NativeEnvironment.IsaCapFromUser)
            {
                throw new InvalidOperationException(
                    $"libtorch was loaded before Siamese could cap oneDNN at {NativeEnvironment.DefaultIsaCap}; call " +
                    $"TorchEngine.EnsureInitialized() before any other TorchSharp call, or set {NativeEnvironment.IsaVariable}=" +
                    $"{NativeEnvironment.DefaultIsaCap} in the environment");
            }

            if (OperatingSystem.IsLinux())
            {
                TuneAllocator();
            }

            try
            {
                // Any call into torch runs its static initializer, which loads the native libraries.
                _ = torch.get_num_threads();
            }
            catch (TypeInitializationException ex)
            {
                throw new InvalidOperationException(
                    "could not load libtorch through TorchSharp; on Debian 12 the build must mark the " +
                    "GLIBCXX_3.4.32 requirement of libLibTorchSharp.so weak (see build/Siamese.NativeFix.targets): " +
                    (ex.InnerException?.Message.Split('\n')[0] ?? ex.Message), ex);
            }

            DisableNnpack();
            initialized = true;
        }
    }

    /// <summary>
    /// The instruction-set cap oneDNN runs under (<c>ONEDNN_MAX_CPU_ISA</c>): <c>AVX2</c> as Siamese sets it, the
    /// environment's own value when the user set one, or null where Siamese sets none (not Linux).
    /// </summary>
    public static string? OneDnnIsaCap
    {
        get
        {
            EnsureInitialized();
            return NativeEnvironment.IsaCap;
        }
    }

    /// <summary>Whether <see cref="OneDnnIsaCap"/> came from the user's environment rather than from Siamese.</summary>
    public static bool OneDnnIsaCapFromEnvironment
    {
        get
        {
            EnsureInitialized();
            return NativeEnvironment.IsaCapFromUser;
        }
    }

    /// <summary>Whether libtorch may use NNPACK for convolutions: false on Linux, where Siamese turns it off; elsewhere
    /// Siamese does not change libtorch's default and this reads false without asking it.</summary>
    public static bool NnpackEnabled
    {
        get
        {
            EnsureInitialized();
            return OperatingSystem.IsLinux() && userEnabledNNPACK(globalContext());
        }
    }

    /// <summary>Number of threads libtorch uses for intra-op parallelism.</summary>
    public static int Threads
    {
        get
        {
            EnsureInitialized();
            return torch.get_num_threads();
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            EnsureInitialized();
            torch.set_num_threads(value);
        }
    }

    /// <summary>Seeds libtorch's global generator (weight initialisation, dropout).</summary>
    public static void Seed(int seed)
    {
        EnsureInitialized();
        torch.manual_seed(seed);
    }

    /// <summary>Number of tensors created on the calling thread and not yet disposed (TorchSharp counts per thread).</summary>
    public static long LiveTensorCount
    {
        get
        {
            EnsureInitialized();
            var stats = DisposeScopeManager.Statistics;
            return stats.ThreadTotalLiveCount;
        }
    }

    private static void DisableNnpack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            setUserEnabledNNPACK(globalContext(), false);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new InvalidOperationException($"this libtorch does not export at::Context::setUserEnabledNNPACK: {ex.Message}", ex);
        }
    }

    private static void TuneAllocator()
    {
        try
        {
            _ = mallopt(MallocMmapThreshold, 32 * 1024 * 1024);
            _ = mallopt(MallocTrimThreshold, 1024 * 1024 * 1024);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune.
        }
        catch (DllNotFoundException)
        {
        }
    }

    // at::globalContext() and two members of at::Context, exported by libtorch_cpu.so (Itanium C++ names). TorchSharp does
    // not wrap them; the signatures are those of libtorch 2.10 (ATen/Context.h).
    [DllImport("libtorch_cpu.so", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr globalContext();

    [DllImport("libtorch_cpu.so", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static extern void setUserEnabledNNPACK(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport("libtorch_cpu.so", EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool userEnabledNNPACK(IntPtr context);

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
