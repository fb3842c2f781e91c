using Siamese.Persistence;
using Siamese.Tests.Data;

namespace Siamese.Tests.Cli;

/// <summary>
/// A training run stopped from outside (Ctrl+C, a kill) loses nothing: the previous model stays as it was, the last
/// checkpoint is whole, and --resume goes on from it.
/// </summary>
public class InterruptionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string[] Tiny = ["--seed", "4", "--steps-per-epoch", "10", "--no-evaluate", "--force", .. CliProcess.TinyTraining];

    [Theory]
    [InlineData(2, 130)] // SIGINT: the run stops between steps and says how to resume
    [InlineData(9, 137)] // SIGKILL: no chance to react; the files must be safe anyway
    public void Train_SignalledAfterACheckpoint_KeepsThePreviousModelAndTheCheckpointAndResumes(int signal, int expectedExit)
    {
        // Given a model from an earlier run, and a new long run writing to the same file
        using var folder = new TempFolder();
        string model = folder.File("m.siamese");
        string checkpoint = model + ".checkpoint";
        var earlier = CliProcess.Run(["train", "--output", model, "--epochs", "1", .. Tiny], Timeout);
        Assert.True(earlier.ExitCode == 0, earlier.Output + earlier.Error);
        byte[] previous = File.ReadAllBytes(model);
        using var run = CliProcess.Start(["train", "--output", model, "--epochs", "200", .. Tiny]);

        // When the signal comes after the run has written its first checkpoint
        Assert.True(run.WaitForFile(checkpoint, Timeout), "the run wrote no checkpoint");
        Thread.Sleep(300);
        string state = run.SignalState();
        run.Signal(signal);
        var (code, output, error) = run.WaitForExit(Timeout);

        // Then it ended as the signal asks, the previous model is byte for byte what it was, and the checkpoint is a
        // whole bundle of completed epochs
        Assert.True(code == expectedExit, $"exit {code} (signal state before: {state}): {output}{error}");
        if (signal == 2)
        {
            Assert.Contains("interrupted:", error);
            Assert.Contains("--resume", error);
        }

        Assert.Equal(previous, File.ReadAllBytes(model));
        int done = ModelBundle.Load(checkpoint).Config.Training!.Epochs;
        Assert.InRange(done, 1, 199);

        // And the same command with --resume trains the next epoch from there, saves the model and clears up
        var resumed = CliProcess.Run(["train", "--output", model, "--epochs", (done + 1).ToString(), "--resume", .. Tiny], Timeout);
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains($"at epoch {done + 1}", resumed.Output);
        Assert.NotEqual(previous, File.ReadAllBytes(model));
        Assert.Equal(done + 1, ModelBundle.Load(model).Config.Training!.Epochs);
        Assert.Equal(["m.siamese"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }
}
