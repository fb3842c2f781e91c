using System.Globalization;

namespace Siamese.Benchmarks;

/// <summary>Resident memory of this process as the Linux kernel reports it in /proc/self/status.</summary>
internal static class ProcessMemory
{
    private const string StatusPath = "/proc/self/status";

    /// <summary>Current resident set size (VmRSS) in MiB, or NaN where /proc is not available.</summary>
    public static double CurrentMiB() => ReadKiB("VmRSS:") / 1024.0;

    /// <summary>Resident anonymous memory (RssAnon: heaps, tensors, the managed heap) in MiB, or NaN where /proc is not available.</summary>
    public static double AnonymousMiB() => ReadKiB("RssAnon:") / 1024.0;

    /// <summary>Resident file-backed memory (RssFile: mapped code and data of libtorch, the runtime and the rest) in MiB, or NaN.</summary>
    public static double FileMiB() => ReadKiB("RssFile:") / 1024.0;

    /// <summary>Peak resident set size since the process started (VmHWM) in MiB, or NaN where /proc is not available.</summary>
    public static double PeakMiB() => ReadKiB("VmHWM:") / 1024.0;

    private static double ReadKiB(string field)
    {
        if (!File.Exists(StatusPath))
        {
            return double.NaN;
        }

        foreach (string line in File.ReadLines(StatusPath))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmRSS:\t  123456 kB"
                string[] parts = line[field.Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(parts[0], CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }
}
