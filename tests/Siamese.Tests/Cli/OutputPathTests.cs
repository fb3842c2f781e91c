using Siamese.Data;
using Siamese.Tests.Data;

namespace Siamese.Tests.Cli;

/// <summary>Outputs that cannot be written are refused before any work, with one line, and nothing is replaced.</summary>
[Collection(CliCollection.Name)]
public class OutputPathTests
{
    [Fact]
    public void Train_OutputDevNullForced_IsRefusedBeforeTrainingAndTheDeviceStays()
    {
        var (code, output) = CliRunner.Run("train", "--output", "/dev/null", "--force");

        Assert.Equal("error: /dev/null: is a device, pipe or socket, not a regular file; it is never replaced: give a file name to write",
            CliRunner.SingleErrorLine(code, output));
        Assert.Equal(FileType.Kind.Special, FileType.Of("/dev/null"));
    }

    [Fact]
    public void Train_OutputIsAFolder_IsRefusedBeforeTraining()
    {
        using var folder = new TempFolder();

        var (code, output) = CliRunner.Run("train", "--output", folder.Path, "--force");

        Assert.Equal($"error: {folder.Path}: is a folder; expected a file name to write", CliRunner.SingleErrorLine(code, output));
    }

    [Fact]
    public void Train_ReportFolderIsADevice_IsRefusedBeforeTraining()
    {
        using var folder = new TempFolder();

        var (code, output) = CliRunner.Run("train", "--output", folder.File("m.siamese"), "--report", "/dev/null");

        Assert.Contains("because /dev/null is a file, not a folder", CliRunner.SingleErrorLine(code, output));
        Assert.False(File.Exists(folder.File("m.siamese")));
    }

    [Fact]
    public void Train_CheckpointOfAnInterruptedRunWithoutResumeOrForce_IsRefusedAndKept()
    {
        // Given the checkpoint an interrupted run left
        using var folder = new TempFolder();
        string checkpoint = folder.File("m.siamese.checkpoint");
        File.WriteAllText(checkpoint, "an earlier run's epochs");

        // When a new run would start afresh on the same output
        var (code, output) = CliRunner.Run("train", "--output", folder.File("m.siamese"), "--epochs", "1", "--steps-per-epoch", "1", "--train-limit", "600");

        // Then it asks for --resume or --force instead of replacing the checkpoint after its first epoch
        Assert.Equal($"error: {checkpoint}: an interrupted run left this checkpoint; continue it with --resume, or pass --force to start afresh and replace it",
            CliRunner.SingleErrorLine(code, output));
        Assert.Equal("an earlier run's epochs", File.ReadAllText(checkpoint));
    }

    [Fact]
    public void Compare_ModelIsAFolder_SaysSo()
    {
        using var folder = new TempFolder();

        var (code, output) = CliRunner.Run("compare", "--model", folder.Path, "a.png", "b.png");

        Assert.Equal($"error: {folder.Path}: is a folder; expected a model file (.siamese)", CliRunner.SingleErrorLine(code, output));
    }
}
