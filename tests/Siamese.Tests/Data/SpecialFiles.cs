using System.Diagnostics;
using System.Net.Sockets;

namespace Siamese.Tests.Data;

/// <summary>Named pipes and sockets for the tests that readers refuse them, and a guard against a reader that blocks on a pipe.</summary>
internal static class SpecialFiles
{
    /// <summary>How long a read may take before the test counts it as blocked.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Creates a named pipe (FIFO) at <paramref name="path"/> with mkfifo(1).</summary>
    public static string NamedPipe(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start mkfifo");
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} exited with {mkfifo.ExitCode}");
        }

        return path;
    }

    /// <summary>A Unix domain socket bound at <paramref name="path"/>; disposing it closes it (the file stays).</summary>
    public static Socket BoundSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a thread of its own and returns what it threw (null when it returned). When it is
    /// still running after <see cref="Patience"/>, it is taken to be blocked opening <paramref name="pipe"/>: the pipe is
    /// opened for writing and closed, which lets the reader go on to an end of file, and the test fails.
    /// </summary>
    public static Exception? ThrownWithoutBlocking(string pipe, Action read)
    {
        var task = Task.Factory.StartNew(read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Patience))
        {
            var release = Task.Run(() =>
            {
                using var writer = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            });
            release.Wait(Patience);
            Assert.Fail($"the read was still blocked on the named pipe {pipe} after {Patience.TotalSeconds} s");
        }

        return task.Exception?.InnerException;
    }
}
