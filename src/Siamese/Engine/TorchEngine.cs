using System.Runtime.InteropServices;
using TorchSharp;

namespace Siamese.Engine;

/// <summary>
/// One-time set-up of the tensor engine (libtorch through TorchSharp): loads the native library,
/// tunes glibc's allocator for large tensor buffers, and sets seeds and thread counts.
/// </summary>
public static class TorchEngine
{
    private const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MallocMmapThreshold = -3; // M_MMAP_THRESHOLD
    private static readonly object Gate = new();
    private static bool initialized;

    /// <summary>
    /// Loads libtorch and, on Linux, raises glibc's mmap and trim thresholds (32 MiB and 1 GiB) so that
    /// tensor buffers freed at the end of a step are reused instead of being returned to the OS and
    /// faulted back in on the next step. Safe to call more than once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The native engine could not be loaded.</exception>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (initialized)
            {
                return;
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

            initialized = true;
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

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
