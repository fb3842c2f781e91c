using System.Runtime.InteropServices;

namespace Siamese.Cli.Commands;

/// <summary>
/// While it lives, the first SIGINT (Ctrl+C) or SIGTERM cancels <see cref="Token"/> instead of ending the process, so a
/// training loop can stop between steps and keep its checkpoint; a second signal, or a loop that has not stopped
/// within <see cref="Grace"/>, ends the process with exit code 130. Outside it signals end the process at once, which
/// is safe because every file is only ever replaced by a rename.
/// </summary>
internal sealed class InterruptScope : IDisposable
{
    /// <summary>How long a signalled loop may take to stop before the process ends anyway.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource stop;
    private readonly CancellationTokenSource graceTimer = new();
    private readonly PosixSignalRegistration onInterrupt;
    private readonly PosixSignalRegistration onTerminate;

    /// <summary>Starts listening; <see cref="Token"/> is also cancelled with <paramref name="outer"/>.</summary>
    public InterruptScope(CancellationToken outer)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Whether a signal came.</summary>
    public bool Signalled { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        onInterrupt.Dispose();
        onTerminate.Dispose();
        graceTimer.Cancel();
        graceTimer.Dispose();
        stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Signalled)
        {
            return; // the second signal: let it end the process
        }

        Signalled = true;
        context.Cancel = true;
        stop.Cancel();
        var timer = graceTimer.Token;
        _ = Task.Delay(Grace, timer).ContinueWith(
            t => Environment.Exit(SiameseApp.Interrupted), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
