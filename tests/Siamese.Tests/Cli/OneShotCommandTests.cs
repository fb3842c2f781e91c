using System.IO.Compression;
using System.Text.Json.Nodes;
using Siamese.Data;
using Siamese.Persistence;

using Siamese.Tests.Data;

namespace Siamese.Tests.Cli;

/// <summary>
/// One-shot use of the command line: class-disjoint training on Fashion-MNIST and on image folders, evaluation on
/// unseen classes (episodes, open set, embedding map), episode files, and the bad input around them.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class OneShotCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("siamese-oneshot-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Train_FashionMnistTrainClasses_RecordsTheSplitAndMeasuresOneShotOnUnseenClasses()
    {
        // Given a run that trains on classes 0-5 only
        string model = Path.Combine(folder, "m.siamese");
        string report = Path.Combine(folder, "report");

        // When it trains
        var (code, output) = TrainTiny(model, "--train-classes", "0-5", "--report", report, "--loss", "prototypical", "--distance", "squared-l2");

        // Then the bundle names both sides of the split and the report holds 4-way episodes on the unseen classes
        Assert.True(code == 0, output);
        var training = ModelBundle.Load(model).Config.Training!;
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal"], training.TrainClasses!);
        Assert.Equal(["Shirt", "Sneaker", "Bag", "Ankle boot"], training.TestClasses!);
        Assert.Contains("4-way 1-shot", output);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")))!;
        Assert.Equal(4, (int)metrics["fewShot"]!["way"]!);
        Assert.InRange((double)metrics["fewShot"]!["accuracy"]!, 0.4, 1.0);
        Assert.InRange((double)metrics["openSet"]!["falseAcceptRate"]!, 0.0, 0.01);
        Assert.True(new FileInfo(Path.Combine(report, "embedding-map.png")).Length > 1000);

        // And evaluate defaults to the classes the model never saw
        var (evalCode, evalOutput) = CliRunner.Run("evaluate", "--model", model, "--test-limit", "400", "--test-pairs", "200", "--no-gallery",
            "--episode-count", "100", "--map", "tsne", "--report", Path.Combine(folder, "again"));
        Assert.True(evalCode == 0, evalOutput);
        Assert.Contains("never saw", evalOutput);
        Assert.Contains("4-way 1-shot", evalOutput);
        Assert.Contains("t-SNE", evalOutput);
    }

    [Fact]
    public void Train_ImageFolderWithClassFraction_TrainsAtTheChosenSizeAndHoldsClassesOut()
    {
        // Given a folder of 8 classes in PNG and PGM, with a stray text file
        string images = WriteClassFolder(classes: 8, perClass: 12);
        File.WriteAllText(Path.Combine(images, "c0", "notes.txt"), "not an image");
        string model = Path.Combine(folder, "f.siamese");

        // When it trains on 75% of the classes at 20x20
        var (code, output) = CliRunner.Run("train", "--images", images, "--class-fraction", "0.75", "--image-size", "20", "--output", model,
            "--epochs", "1", "--steps-per-epoch", "6", "--batch-size", "16", "--samples-per-class", "4", "--loss", "npair", "--distance", "cosine",
            "--embedding-dim", "8", "--validation-pairs", "40", "--test-pairs", "40", "--augment", "--seed", "2");

        // Then the model takes 20x20 greyscale input and two classes stayed unseen
        Assert.True(code == 0, output);
        Assert.Contains("skipped 1 non-image", output);
        var config = ModelBundle.Load(model).Config;
        Assert.Equal((1, 20, 20), (config.Input!.Channels, config.Input.Height, config.Input.Width));
        Assert.Equal(2, config.Training!.TestClasses!.Count);
        Assert.Empty(config.Training.TrainClasses!.Intersect(config.Training.TestClasses));
        Assert.True(config.Training.Augmented);
        Assert.Contains("2-way 1-shot", output);
    }

    [Fact]
    public void Train_FeaturesLayerWithRotatedClasses_HandsOutConvolutionalEmbeddings()
    {
        // Given training on quarter-turned classes with embeddings taken from the convolutional features
        string model = Path.Combine(folder, "features.siamese");

        // When it trains, and a picture is embedded
        var (code, output) = TrainTiny(model, "--train-classes", "0-5", "--rotate-classes", "--embed-layer", "features", "--no-evaluate");
        Assert.True(code == 0, output);
        string images = WriteClassFolder(classes: 1, perClass: 1);
        string tsv = Path.Combine(folder, "features.tsv");
        var (embedCode, embedOutput) = CliRunner.Run("embed", "--model", model, "--output", tsv, Path.Combine(images, "c0", "0.png"));

        // Then the bundle records both choices and the embedding is the 128 x 3 x 3 feature map
        Assert.True(embedCode == 0, embedOutput);
        var config = ModelBundle.Load(model).Config;
        Assert.True(config.Training!.RotatedClasses);
        Assert.Equal(128 * 3 * 3, config.EmbeddingDimension);
        Assert.Equal(2 + (128 * 3 * 3), File.ReadAllLines(tsv)[1].Split('\t').Length);
        Assert.Contains("features layer", output);
    }

    [Fact]
    public void Train_KochHead_SavesTheHeadWeightsBesideTheEncoder()
    {
        // Given the learned weighted-L1 head with binary cross-entropy
        string model = Path.Combine(folder, "koch.siamese");

        // When it trains
        var (code, output) = TrainTiny(model, "--loss", "bce", "--distance", "weighted-l1", "--no-evaluate");

        // Then the bundle holds head.bin and loads with the trained head
        Assert.True(code == 0, output);
        using (var zip = ZipFile.OpenRead(model))
        {
            Assert.NotNull(zip.GetEntry(ModelBundle.HeadEntry));
        }

        var bundle = ModelBundle.Load(model);
        Assert.Equal("weighted-l1", bundle.Network.Distance.Name);
        Assert.NotNull(bundle.Network.Head);
    }

    [Fact]
    public void Evaluate_EpisodeFiles_ReportsAccuracyPerFileAndOverall()
    {
        // Given a model and two episode files over exported images, with a comment line
        string model = Path.Combine(folder, "e.siamese");
        Assert.Equal(0, TrainTiny(model, "--no-evaluate").ExitCode);
        string images = WriteClassFolder(classes: 3, perClass: 3);
        string first = Path.Combine(images, "run1.txt");
        File.WriteAllLines(first, ["# query, correct, others", "c0/0.png\tc0/1.png\tc1/0.png\tc2/0.png", "c1/1.png\tc1/2.pgm\tc0/2.pgm\tc2/1.png"]);
        string second = Path.Combine(images, "run2.txt");
        File.WriteAllLines(second, ["c2/0.png\tc2/2.pgm\tc0/0.png\tc1/0.png"]);
        string report = Path.Combine(folder, "episodes");

        // When both are replayed
        var (code, output) = CliRunner.Run("evaluate", "--model", model, "--episodes", first, "--episodes", second, "--report", report);

        // Then each file and the total are reported, and episodes.json says the same
        Assert.True(code == 0, output);
        Assert.Contains("run1.txt", output);
        Assert.Contains("overall", output);
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "episodes.json")))!;
        Assert.Equal(3, (int)document["overall"]!["trials"]!);
        Assert.Equal(2, (int)document["files"]![0]!["trials"]!);
        Assert.Equal(3, (int)document["files"]![0]!["ways"]![0]!);
    }

    [Fact]
    public void Evaluate_FolderTooSmallForOpenSetTrials_SkipsThemWithANoteAndReportsTheRest()
    {
        // Given a model and a folder of 3 classes with 3 images each (open-set trials need 6 per class)
        string model = Path.Combine(folder, "small.siamese");
        Assert.Equal(0, TrainTiny(model, "--no-evaluate").ExitCode);
        string images = WriteClassFolder(classes: 3, perClass: 3);

        // When it is evaluated on the folder
        var (code, output) = CliRunner.Run("evaluate", "--model", model, "--images", images, "--test-pairs", "20", "--episode-count", "50",
            "--report", Path.Combine(folder, "small-report"));

        // Then the open-set part is skipped with the reason, and verification and episodes are reported
        Assert.True(code == 0, output);
        Assert.Contains("open-set identification skipped", output);
        Assert.Contains("at least 6 examples", output);
        Assert.Contains("3-way 1-shot", output);
        Assert.True(File.Exists(Path.Combine(folder, "small-report", "metrics.json")));
    }

    [Fact]
    public void Evaluate_EpisodeFileNamingAMissingImage_FailsNamingTheImage()
    {
        // Given an episode file whose correct candidate does not exist
        string model = Path.Combine(folder, "x.siamese");
        Assert.Equal(0, TrainTiny(model, "--no-evaluate").ExitCode);
        string images = WriteClassFolder(classes: 2, perClass: 2);
        string file = Path.Combine(images, "run.txt");
        File.WriteAllLines(file, ["c0/0.png\tc0/missing.png\tc1/0.png"]);

        // When it is replayed
        var (code, output) = CliRunner.Run("evaluate", "--model", model, "--episodes", file, "--report", Path.Combine(folder, "r"));

        // Then the error names the missing file and nothing is written
        Assert.Equal(2, code);
        Assert.Contains("missing.png", output);
        Assert.False(Directory.Exists(Path.Combine(folder, "r")) && Directory.EnumerateFiles(Path.Combine(folder, "r")).Any());
    }

    [Fact]
    public void Train_EmptyClassFolder_FailsNamingTheFolderAndWritesNoModel()
    {
        // Given a class folder without images
        string images = WriteClassFolder(classes: 4, perClass: 4);
        Directory.CreateDirectory(Path.Combine(images, "empty"));
        string model = Path.Combine(folder, "none.siamese");

        // When training reads it
        var (code, output) = CliRunner.Run("train", "--images", images, "--output", model);

        // Then the error names the folder
        Assert.Equal(2, code);
        Assert.Contains("empty", output);
        Assert.Contains("holds no images", output);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Train_CorruptImageInFolder_FailsNamingTheFile()
    {
        // Given a truncated PNG among good ones
        string images = WriteClassFolder(classes: 3, perClass: 4);
        byte[] good = File.ReadAllBytes(Path.Combine(images, "c1", "0.png"));
        File.WriteAllBytes(Path.Combine(images, "c1", "broken.png"), good[..20]);
        string model = Path.Combine(folder, "corrupt.siamese");

        // When training reads it
        var (code, output) = CliRunner.Run("train", "--images", images, "--output", model);

        // Then the error is one line naming the file
        Assert.Equal(2, code);
        Assert.Contains("broken.png", output);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData("--loss", "bce", "--distance", "l2", "weighted-l1")]
    [InlineData("--train-classes", "0-5", "--test-classes", "5-9", "both list class Sandal")]
    [InlineData("--train-classes", "0-5", "--class-fraction", "0.5", "not both")]
    [InlineData("--train-classes", "jackets", "--epochs", "1", "'jackets' is not a class")]
    [InlineData("--image-size", "big", "--epochs", "1", "--image-size")]
    [InlineData("--validation-by", "luck", "--epochs", "1", "--validation-by")]
    [InlineData("--embed-layer", "features", "--distance", "weighted-l1", "only scores the projection")]
    [InlineData("--embed-layer", "middle", "--epochs", "1", "--embed-layer")]
    public void Train_BadOneShotOptions_FailsWithOneLineNamingTheProblem(string option, string value, string option2, string value2, string expected)
    {
        // Given inconsistent one-shot options
        string model = Path.Combine(folder, $"{Guid.NewGuid():N}.siamese");

        // When training starts
        var (code, output) = CliRunner.Run("train", option, value, option2, value2, "--output", model, "--train-limit", "600");

        // Then it stops with exit code 2 and says why, before writing anything
        Assert.Equal(2, code);
        Assert.Contains(expected, output);
        Assert.False(File.Exists(model));
    }

    private static (int ExitCode, string Output) TrainTiny(string model, params string[] extra) => CliRunner.Run(
    [
        "train", "--output", model, "--train-limit", "1200", "--epochs", "1", "--steps-per-epoch", "12", "--batch-size", "48",
        "--samples-per-class", "8", "--validation-pairs", "100", "--test-pairs", "200", "--embedding-dim", "16", "--seed", "5", .. extra,
    ]);

    /// <summary>A folder of classes c0, c1, … with real Fashion-MNIST images of one class each, as PNG and (every third) PGM.</summary>
    private string WriteClassFolder(int classes, int perClass) =>
        FashionMnistFolders.WriteClassFolder(Path.Combine(folder, $"images-{Guid.NewGuid():N}"), classes, perClass);
}
