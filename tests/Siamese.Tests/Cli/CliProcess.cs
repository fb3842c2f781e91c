using System.Diagnostics;

namespace Siamese.Tests.Cli;

/// <summary>
/// Runs the siamese command line as a separate process (the Siamese.Cli.dll copied beside the tests), for what an
/// in-process run cannot show: a fresh native engine per run, signals, and two processes at once.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    private CliProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        // Started through perl with SIGINT and SIGQUIT back at their default disposition, as a terminal's foreground job
        // has them: a process that starts with them ignored (a shell's background job, nohup, and so the children of a
        // test run started that way) keeps ignoring them, rightly, and a test of Ctrl+C would test nothing. perl is in
        // Debian's essential perl-base.
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("$SIG{INT} = $SIG{QUIT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\";");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Siamese.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("could not start perl to run dotnet");
        process.StandardInput.Close();
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// The tiny CNN with which random NaN and same-seed differences were seen (RELIABILITY-FINDINGS 1), on 1,200
    /// Fashion-MNIST images with 100 validation pairs and two threads: a training run of a few seconds.
    /// </summary>
    public static readonly string[] TinyTraining =
    [
        "--threads", "2", "--train-limit", "1200", "--batch-size", "32", "--validation-pairs", "100",
        "--embedding-dim", "8", "--channels", "8,8", "--kernel-sizes", "3,3", "--hidden", "16",
    ];

    /// <summary>The process id, for sending signals.</summary>
    public int Id => process.Id;

    /// <summary>Starts <c>siamese args</c> and returns at once.</summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new(args, environment);

    /// <summary>Runs <c>siamese args</c> to its end (at most <paramref name="timeout"/>) and returns what it printed.</summary>
    public static (int ExitCode, string Output, string Error) Run(
        IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var run = Start(args, environment);
        return run.WaitForExit(timeout);
    }

    /// <summary>Waits for the end (killing the process if it outlives <paramref name="timeout"/>, which fails the test).</summary>
    public (int ExitCode, string Output, string Error) WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"siamese did not end within {timeout.TotalSeconds:F0} s; it printed: {stdout.Result}{stderr.Result}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Waits until <paramref name="path"/> exists (a file the process writes as it goes), the process ends, or the time is up.</summary>
    public bool WaitForFile(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            if (File.Exists(path))
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return File.Exists(path);
    }

    /// <summary>The process's signal masks as the kernel shows them (SigBlk, SigIgn, SigCgt), for failure messages.</summary>
    public string SignalState()
    {
        try
        {
            return string.Join(' ', File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith("Sig", StringComparison.Ordinal)).Select(l => l.Replace('\t', ' ')));
        }
        catch (IOException)
        {
            return "(ended)";
        }
    }

    /// <summary>Sends a Unix signal (2 = SIGINT, 9 = SIGKILL, 15 = SIGTERM) to the process.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {process.Id}");
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
