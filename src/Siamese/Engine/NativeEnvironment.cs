using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Siamese.Engine;

/// <summary>
/// Settings that libtorch's native code reads from the process environment, put there before libtorch is loaded.
/// </summary>
/// <remarks>
/// <para>
/// libtorch-cpu 2.10.0 bundles oneDNN 3.7.1, whose AVX-512 backward-weights kernel for a convolution with one input
/// channel (the first layer of every greyscale CNN) left whole output channels of the weight gradient unwritten on an
/// AVX-512 AMD EPYC: trainings diverged with NaN in 20-60 % of runs and same-seed runs differed. Capped at AVX2, oneDNN
/// takes its AVX2 kernels and the same runs were finite and bit-identical (see the README's "Reproducibility").
/// </para>
/// <para>
/// oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> once, when it first dispatches a primitive, and through the C library's
/// <c>getenv</c>. .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the C library's
/// environment on Unix, so the value is set with libc's <c>setenv</c>, from this assembly's module initializer: it runs
/// before any code of the library, hence before any of it can load libtorch. A value the user set is kept.
/// </para>
/// </remarks>
internal static class NativeEnvironment
{
    /// <summary>The oneDNN variable that caps the instruction set its kernels may use.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The older name of <see cref="IsaVariable"/>, still read by oneDNN 3.</summary>
    public const string LegacyIsaVariable = "DNNL_MAX_CPU_ISA";

    /// <summary>The cap Siamese sets when the user set none.</summary>
    public const string DefaultIsaCap = "AVX2";

    private static readonly object Gate = new();
    private static bool prepared;

    /// <summary>The cap in effect for oneDNN (ours or the user's), or null where none applies (not Linux).</summary>
    public static string? IsaCap { get; private set; }

    /// <summary>Whether the cap came from the user's environment rather than from Siamese.</summary>
    public static bool IsaCapFromUser { get; private set; }

    /// <summary>Whether libtorch was already loaded when the cap was set (then oneDNN may have read the environment already).</summary>
    public static bool LibTorchLoadedFirst { get; private set; }

#pragma warning disable CA2255 // The environment must be set before any code of the library can load libtorch.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Prepare()
    {
        lock (Gate)
        {
            if (prepared)
            {
                return;
            }

            prepared = true;
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            LibTorchLoadedFirst = IsLibTorchMapped();
            // oneDNN takes an empty value for no value, so an empty variable is no cap of the user's.
            string? user = new[] { Get(IsaVariable), Get(LegacyIsaVariable) }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (user is not null)
            {
                IsaCap = user;
                IsaCapFromUser = true;
                return;
            }

            if (setenv(IsaVariable, DefaultIsaCap, 1) != 0)
            {
                throw new InvalidOperationException($"could not set {IsaVariable} in the process environment (setenv failed)");
            }

            IsaCap = Get(IsaVariable);
        }
    }

    /// <summary>The value of <paramref name="name"/> in the C library's environment (what native code sees).</summary>
    public static string? Get(string name) => OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(getenv(name)) : Environment.GetEnvironmentVariable(name);

    private static bool IsLibTorchMapped()
    {
        try
        {
            return File.ReadLines("/proc/self/maps").Any(line => line.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "getenv")]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    private static extern int setenv(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
