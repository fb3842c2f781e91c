namespace Siamese.Tests.Cli;

/// <summary>Trains one tiny model through the CLI on real Fashion-MNIST, shared by the CLI tests.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Folder = Directory.CreateTempSubdirectory("siamese-cli-").FullName;
        ModelPath = Path.Combine(Folder, "tiny.siamese");
        (TrainExitCode, TrainOutput) = CliRunner.Run(
            "train", "--output", ModelPath, "--train-limit", "1500", "--epochs", "2", "--steps-per-epoch", "10",
            "--batch-size", "32", "--validation-pairs", "200", "--embedding-dim", "16", "--no-evaluate", "--seed", "3");
        (ExportExitCode, _) = CliRunner.Run("export-images", "--split", "test", "--count", "3", "--output", Path.Combine(Folder, "images"));
        Images = Directory.GetFiles(Path.Combine(Folder, "images"), "*.png").Order().ToArray();
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public int TrainExitCode { get; }

    public string TrainOutput { get; }

    public int ExportExitCode { get; }

    public string[] Images { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
