using System.Text.Json.Nodes;
using Siamese.Persistence;

namespace Siamese.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class CommandLineTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    private string Temp(string name) => Path.Combine(model.Folder, name);

    [Fact]
    public void Train_TinyRun_WritesALoadableCalibratedBundleAndNoCheckpoint()
    {
        Assert.True(model.TrainExitCode == 0, model.TrainOutput);
        Assert.Contains("Saved", model.TrainOutput);
        var bundle = ModelBundle.Load(model.ModelPath);
        Assert.NotNull(bundle.Config.Threshold);
        Assert.Equal(16, bundle.Config.EmbeddingDimension);
        Assert.False(File.Exists(model.ModelPath + ".checkpoint"));
    }

    [Fact]
    public void Compare_TwoExportedImages_PrintsScoreThresholdAndVerdict()
    {
        Assert.Equal(0, model.ExportExitCode);
        var (code, output) = CliRunner.Run("compare", "--model", model.ModelPath, model.Images[0], model.Images[1]);

        Assert.True(code == 0, output);
        Assert.Contains("l2", output);
        Assert.Contains("threshold", output);
        Assert.Matches("verdict.*(same|different)", output);
    }

    [Fact]
    public void Search_ImageModel_FindsEachQueryImageItselfFirstAndRanksTheRestByDistance()
    {
        // Given the exported images as candidates of an image model
        Assert.Equal(0, model.ExportExitCode);
        string candidates = Temp($"{Guid.NewGuid():N}.txt");
        File.WriteAllLines(candidates, model.Images);
        string hits = Temp($"{Guid.NewGuid():N}.tsv");

        // When two of them are the queries
        var (code, output) = CliRunner.Run("search", "--model", model.ModelPath, "--candidates", candidates, "--top", "3", "--output", hits, model.Images[1], model.Images[2]);

        // Then each query's first hit is itself at distance 0, and its hits come in order of distance
        Assert.True(code == 0, output);
        var rows = File.ReadAllLines(hits).Skip(1).Select(line => line.Split('\t')).ToArray();
        Assert.Equal(6, rows.Length);
        foreach (var query in new[] { model.Images[1], model.Images[2] })
        {
            var mine = rows.Where(r => r[0] == query).ToArray();
            Assert.Equal(["1", "2", "3"], mine.Select(r => r[1]));
            Assert.Equal(query, mine[0][4]);
            Assert.Equal(0.0, double.Parse(mine[0][2], System.Globalization.CultureInfo.InvariantCulture), 5);
            var scores = mine.Select(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(scores.Order(), scores);
        }
    }

    [Fact]
    public void Embed_ImageFiles_WritesOneRowPerImageWithEveryDimension()
    {
        string output = Temp($"{Guid.NewGuid():N}.tsv");
        var (code, text) = CliRunner.Run(["embed", "--model", model.ModelPath, "--output", output, .. model.Images]);

        Assert.True(code == 0, text);
        var lines = File.ReadAllLines(output);
        Assert.Equal(1 + model.Images.Length, lines.Length);
        Assert.Equal(2 + 16, lines[0].Split('\t').Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(18, l.Split('\t').Length));
        double norm = Math.Sqrt(lines[1].Split('\t').Skip(2).Select(double.Parse).Sum(v => v * v));
        Assert.Equal(1.0, norm, 3);
    }

    [Fact]
    public void Embed_ExistingOutputWithoutForce_RefusesAndKeepsTheFile()
    {
        string output = Temp($"{Guid.NewGuid():N}.tsv");
        File.WriteAllText(output, "keep me");

        var (code, text) = CliRunner.Run("embed", "--model", model.ModelPath, "--split", "test", "--limit", "5", "--output", output);

        Assert.Equal(2, code);
        Assert.Contains("--force", text);
        Assert.Equal("keep me", File.ReadAllText(output));
    }

    [Fact]
    public void Evaluate_SmallTestSubset_WritesMetricsAndPlots()
    {
        string report = Temp($"report-{Guid.NewGuid():N}");
        var (code, output) = CliRunner.Run("evaluate", "--model", model.ModelPath, "--test-limit", "400", "--test-pairs", "300", "--no-gallery", "--report", report);

        Assert.True(code == 0, output);
        Assert.Contains("verification AUC", output);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")))!;
        double auc = (double)metrics["verification"]!["auc"]!;
        Assert.InRange(auc, 0.5, 1.0);
        Assert.True(new FileInfo(Path.Combine(report, "roc.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(report, "distances.png")).Length > 1000);

        var (again, againOutput) = CliRunner.Run("evaluate", "--model", model.ModelPath, "--test-limit", "400", "--test-pairs", "300", "--no-gallery", "--report", report);
        Assert.Equal(2, again);
        Assert.Contains("--force", againOutput);
    }

    [Theory]
    [InlineData("--margin", "-1", "--margin")]
    [InlineData("--batch-size", "0", "--batch-size")]
    [InlineData("--distance", "manhattan", "--distance")]
    [InlineData("--lr", "0", "--lr")]
    [InlineData("--calibrate", "far=2", "far")]
    [InlineData("--kernel-sizes", "3", "kernel sizes")]
    [InlineData("--channels", "32,x", "--channels")]
    [InlineData("--loss", "arcface", "--loss")]
    [InlineData("--samples-per-class", "1", "--samples-per-class")]
    [InlineData("--temperature", "0", "--temperature")]
    [InlineData("--select", "best", "--select")]
    public void Train_InvalidOption_FailsWithOneLineNamingIt(string option, string value, string expected)
    {
        var (code, output) = CliRunner.Run("train", "--output", Temp($"{Guid.NewGuid():N}.siamese"), option, value);

        Assert.Equal(2, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("contrastive", "batch-hard", "--miner")]
    [InlineData("quadruplet", "semi-hard", "--miner")]
    public void Train_MinerTheLossDoesNotTake_FailsNamingTheChoices(string loss, string miner, string expected)
    {
        var (code, output) = CliRunner.Run("train", "--output", Temp($"{Guid.NewGuid():N}.siamese"), "--loss", loss, "--miner", miner);

        Assert.Equal(2, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Contains(loss, line);
    }

    [Fact]
    public void Train_SelectLast_KeepsTheLastEpoch()
    {
        // Given a two-epoch run that keeps the last epoch whatever its validation figures
        string output = Temp($"{Guid.NewGuid():N}.siamese");

        var (code, text) = CliRunner.Run(
            "train", "--output", output, "--select", "last", "--train-limit", "1200", "--epochs", "2", "--steps-per-epoch", "3",
            "--batch-size", "32", "--validation-pairs", "100", "--no-evaluate", "--embedding-dim", "8", "--channels", "8", "--kernel-sizes", "3", "--hidden", "16");

        // Then epoch 2 is the one kept
        Assert.True(code == 0, text);
        Assert.Equal(2, ModelBundle.Load(output).Config.Training!.BestEpoch);
    }

    [Fact]
    public void Train_BatchNotAMultipleOfSamplesPerClass_IsRejected()
    {
        var (code, output) = CliRunner.Run("train", "--output", Temp($"{Guid.NewGuid():N}.siamese"), "--loss", "npair", "--batch-size", "100", "--samples-per-class", "32");

        Assert.Equal(2, code);
        Assert.Contains("--samples-per-class", output);
    }

    [Theory]
    [InlineData("triplet", "batch-hard")]
    [InlineData("triplet", "none")]
    [InlineData("quadruplet", "batch-hard")]
    [InlineData("npair", null)]
    [InlineData("online-contrastive", "hard-pair")]
    public void Train_TupleLoss_TrainsAndRecordsLossAndMinerInTheBundle(string loss, string? miner)
    {
        // Given a tiny run with a tuple loss on class-balanced batches (or random tuples)
        string output = Temp($"{Guid.NewGuid():N}.siamese");
        string[] minerArgs = miner is null ? [] : ["--miner", miner];

        // When it trains
        var (code, text) = CliRunner.Run(
            ["train", "--output", output, "--loss", loss, .. minerArgs, "--train-limit", "1200", "--epochs", "1", "--steps-per-epoch", "4",
             "--batch-size", "32", "--samples-per-class", "8", "--validation-pairs", "100", "--no-evaluate", "--embedding-dim", "8", "--channels", "8,8", "--kernel-sizes", "3,3", "--hidden", "16"]);

        // Then the bundle records the loss and the miner it used
        Assert.True(code == 0, text);
        var training = ModelBundle.Load(output).Config.Training!;
        Assert.Equal(loss, training.Loss);
        Assert.Equal(miner ?? "all", training.Miner);
        Assert.Equal(32, training.BatchSize);
    }

    [Fact]
    public void Train_ExistingModelWithoutForce_RefusesBeforeTraining()
    {
        string path = Temp($"{Guid.NewGuid():N}.siamese");
        File.WriteAllText(path, "an older model");

        var (code, output) = CliRunner.Run("train", "--output", path);

        Assert.Equal(2, code);
        Assert.Contains("already exists", output);
        Assert.Equal("an older model", File.ReadAllText(path));
    }

    [Fact]
    public void Train_MissingDataFolder_ExplainsHowToGetTheData()
    {
        var (code, output) = CliRunner.Run("train", "--output", Temp("x.siamese"), "--data", Temp("no-such-folder"));

        Assert.Equal(2, code);
        Assert.Contains("dataset-fashion-mnist", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Train_CorruptIdxFile_NamesTheFileAndWhatWasExpected()
    {
        string data = Temp($"data-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            File.WriteAllBytes(Path.Combine(data, name), [0, 0, 8, 1, 0, 0, 0, 1, 7]);
        }

        var (code, output) = CliRunner.Run("train", "--output", Temp("y.siamese"), "--data", data);

        Assert.Equal(2, code);
        Assert.Contains("train-images-idx3-ubyte", output);
        Assert.Contains("magic", output);
    }

    [Fact]
    public void Evaluate_MissingModel_SaysNotFound()
    {
        var (code, output) = CliRunner.Run("evaluate", "--model", Temp("missing.siamese"));
        Assert.Equal(2, code);
        Assert.Contains("missing.siamese: model file not found", output);
    }

    [Fact]
    public void Compare_FileThatIsNotAnImage_FailsNamingIt()
    {
        string notImage = Temp("notes.png");
        File.WriteAllText(notImage, "not a picture");

        var (code, output) = CliRunner.Run("compare", "--model", model.ModelPath, notImage, model.Images[0]);

        Assert.Equal(2, code);
        Assert.Contains("notes.png", output);
    }

    [Fact]
    public void Compare_ModelThatIsNotABundle_Fails()
    {
        string fake = Temp("fake.siamese");
        File.WriteAllText(fake, "{}");

        var (code, output) = CliRunner.Run("compare", "--model", fake, model.Images[0], model.Images[1]);

        Assert.Equal(2, code);
        Assert.Contains("not a Siamese model bundle", output);
    }

    [Fact]
    public void Embed_NeitherFilesNorSplit_IsRejected()
    {
        var (code, output) = CliRunner.Run("embed", "--model", model.ModelPath, "--output", Temp("e.tsv"));
        Assert.Equal(2, code);
        Assert.Contains("give one source: image files", output);
    }

    [Fact]
    public void Train_Resume_ContinuesFromTheCheckpointEpoch()
    {
        // Given the checkpoint of a run that completed 1 of 2 epochs (a copy of the tiny model, marked as epoch 1)
        string output = Temp($"{Guid.NewGuid():N}.siamese");
        var tiny = ModelBundle.Load(model.ModelPath);
        var checkpointConfig = tiny.Config with { Threshold = null, Training = tiny.Config.Training! with { Epochs = 1 } };
        new ModelBundle(checkpointConfig, tiny.Network).Save(output + ".checkpoint", overwrite: false);

        // When training resumes
        var (code, text) = CliRunner.Run(
            "train", "--output", output, "--resume", "--train-limit", "1500", "--epochs", "2", "--steps-per-epoch", "5",
            "--batch-size", "16", "--validation-pairs", "100", "--no-evaluate", "--seed", "3");

        // Then it ran epoch 2 only, wrote the model and removed the checkpoint
        Assert.True(code == 0, text);
        Assert.Contains("Resuming", text);
        Assert.Equal(2, ModelBundle.Load(output).Config.Training!.Epochs);
        Assert.Equal(16, ModelBundle.Load(output).Config.EmbeddingDimension);
        Assert.False(File.Exists(output + ".checkpoint"));

        // And resuming again with no checkpoint is a clear error
        var (again, againText) = CliRunner.Run("train", "--output", Temp("other.siamese"), "--resume");
        Assert.Equal(2, again);
        Assert.Contains("other.siamese.checkpoint: model file not found", againText);
    }

    [Fact]
    public void Evaluate_PairList_ScoresTheListedPairs()
    {
        // Given a pair list over the exported test images (relative paths, named labels)
        string list = Path.Combine(model.Folder, "images", "pairs.tsv");
        var names = model.Images.Select(Path.GetFileName).ToArray();
        File.WriteAllLines(list, [
            "# left\tright\trelation",
            $"{names[0]}\t{names[0]}\tsame",
            $"{names[1]}\t{names[1]}\tsame",
            $"{names[0]}\t{names[1]}\tdifferent",
            $"{names[1]}\t{names[2]}\tdifferent",
        ]);
        string report = Temp($"pairs-report-{Guid.NewGuid():N}");

        // When evaluated
        var (code, output) = CliRunner.Run("evaluate", "--model", model.ModelPath, "--pair-list", list, "--report", report);

        // Then the identical pairs score 0 and rank first: AUC 1
        Assert.True(code == 0, output);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")))!;
        Assert.Equal(2, (int)metrics["verification"]!["genuineCount"]!);
        Assert.Equal(1.0, (double)metrics["verification"]!["auc"]!);
    }

    [Fact]
    public void Evaluate_PairListWithNumericLabels_IsRejectedWithTheLine()
    {
        string list = Temp($"{Guid.NewGuid():N}.tsv");
        File.WriteAllLines(list, [$"{model.Images[0]}\t{model.Images[1]}\t1"]);

        var (code, output) = CliRunner.Run("evaluate", "--model", model.ModelPath, "--pair-list", list);

        Assert.Equal(2, code);
        Assert.Contains("line 1", output);
        Assert.Contains("same", output);
    }

    [Fact]
    public void Help_Train_ShowsExamples()
    {
        var (code, output) = CliRunner.Run("train", "--help");
        Assert.Equal(0, code);
        Assert.Contains("EXAMPLES", output.ToUpperInvariant());
        Assert.Contains("--positive-margin", output);
    }
}
