using Siamese.Encoders;
using Siamese.Losses;
using Siamese.Persistence;
using Siamese.Recipes;
using Siamese.Sources;
using Siamese.Tests.Data;
using Siamese.Training;

namespace Siamese.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RecipeCommandTests : IDisposable
{
    private static readonly string[] Tiny = [.. CliProcess.TinyTraining, "--epochs", "1", "--steps-per-epoch", "8", "--no-evaluate"];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PrintRecipe_Defaults_IsTheRecipeOfTheReadmesLibraryExample()
    {
        // Given the recipe of the README's library example, written here as it is written there
        string[] lines =
        [
            "Data = new FashionMnistSource(),",
            "Model = new ModelRecipe { Encoder = new ConvEncoderSpec(), Distance = \"l2\" },",
            "Loss = new ContrastiveLossSpec { Margin = 1.5 },",
            "Training = new TrainerOptions { LearningRate = 0.002, Epochs = 6, WarmupSteps = 450 },",
        ];
        var readme = new TrainingRecipe
        {
            Data = new FashionMnistSource(),
            Model = new ModelRecipe { Encoder = new ConvEncoderSpec(), Distance = "l2" },
            Loss = new ContrastiveLossSpec { Margin = 1.5 },
            Training = new TrainerOptions { LearningRate = 0.002, Epochs = 6, WarmupSteps = 450 },
        };
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.All(lines, line => Assert.Contains(line, text));

        // When siamese train prints the recipe of its defaults
        var (code, json) = CliRunner.Run("train", "--print-recipe");

        // Then it is that recipe, setting for setting
        Assert.True(code == 0, json);
        Assert.Equal(RecipeJson.Write(readme), RecipeJson.Write(RecipeJson.Read(json, "printed recipe")));
    }

    [Theory]
    [InlineData("npair", "cosine", "by 1nn")]
    [InlineData("contrastive", "l2", "by auc")]
    public void Train_LabelledImages_KeepsTheEpochByTheLosssSelectionFigure(string loss, string distance, string judged)
    {
        // Given a two-epoch run of labelled images, with no --select
        string model = temp.File("m.siamese");

        // When it trains
        var (code, output) = CliRunner.Run(
            ["train", .. CliProcess.TinyTraining, "--epochs", "2", "--steps-per-epoch", "4", "--no-evaluate", "--samples-per-class", "4",
             "--loss", loss, "--distance", distance, "--output", model]);

        // Then each epoch shows its validation 1-NN, and the kept epoch was chosen by the loss's figure (1-NN for N-pair, AUC otherwise)
        Assert.True(code == 0, output);
        Assert.Contains("val 1-NN", output);
        Assert.Contains($"best so far {judged}", output);
        Assert.Null(RecipeJson.Read(ModelBundle.Load(model).Config.Training!.Recipe!.Value, "bundle").Training.Select);
    }

    [Fact]
    public void Train_SelectFewShot_ValidatesEachEpochOnOneShotEpisodesAndKeepsTheBest()
    {
        // Given a two-epoch run of labelled images told to keep its best few-shot epoch
        string model = temp.File("m.siamese");

        // When it trains
        var (code, output) = CliRunner.Run(["train", .. CliProcess.TinyTraining, "--epochs", "2", "--steps-per-epoch", "4", "--no-evaluate", "--select", "few-shot", "--output", model]);

        // Then each epoch shows its validation few-shot accuracy beside 1-NN, the kept epoch was judged by it, and the recipe names both
        Assert.True(code == 0, output);
        Assert.Contains("val few-shot", output);
        Assert.Contains("best so far by few-shot", output);
        var recipe = RecipeJson.Read(ModelBundle.Load(model).Config.Training!.Recipe!.Value, "bundle");
        Assert.Equal(["retrieval", "few-shot"], recipe.Validation!);
        Assert.Equal("few-shot", recipe.Training.Select);
    }

    [Theory]
    [InlineData("--validate", "luck", "--validate takes a comma-separated list of retrieval, few-shot, open-set, not 'luck'")]
    [InlineData("--select", "few-shot", "--validate and --select few-shot / open-set-accuracy measure class-labelled validation images")]
    public void Train_ValidationThatDoesNotFit_IsRefusedBeforeTraining(string option, string value, string expected)
    {
        string[] data = option == "--select" ? ["--pair-list", temp.File("pairs.tsv")] : [];

        var (code, output) = CliRunner.Run(["train", .. CliProcess.TinyTraining, .. data, option, value, "--output", temp.File("m.siamese")]);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, output);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Siamese.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Siamese.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Train_PrintRecipeThenRecipe_TrainsTheWeightsTheOptionsTrain()
    {
        // Given a run from options, and the recipe those options print
        string fromOptions = temp.File("options.siamese");
        var (code, output) = CliRunner.Run(["train", .. Tiny, "--output", fromOptions]);
        Assert.True(code == 0, output);
        var (printCode, json) = CliRunner.Run(["train", .. Tiny, "--print-recipe"]);
        Assert.True(printCode == 0, json);
        string recipeFile = temp.File("recipe.json");
        File.WriteAllText(recipeFile, json);

        // When the recipe file is trained
        string fromRecipe = temp.File("recipe.siamese");
        var (recipeCode, recipeOutput) = CliRunner.Run("train", "--recipe", recipeFile, "--threads", "2", "--no-evaluate", "--output", fromRecipe);

        // Then it gives the same model, to the last bit, and the bundle keeps the recipe
        Assert.True(recipeCode == 0, recipeOutput);
        var a = ModelBundle.Load(fromOptions);
        var b = ModelBundle.Load(fromRecipe);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.Config.Threshold!.Value, b.Config.Threshold!.Value);
        var kept = RecipeJson.Read(b.Config.Training!.Recipe!.Value, "bundle");
        Assert.Equal(1200, Assert.IsType<FashionMnistSource>(kept.Data).Split.TrainLimit);
    }

    [Fact]
    public void TrainingRunExecute_TheCliRecipe_GivesTheModelTheCliGives()
    {
        // Given the model the CLI trains, and the recipe of its options
        string model = temp.File("cli.siamese");
        var (code, output) = CliRunner.Run(["train", .. Tiny, "--output", model]);
        Assert.True(code == 0, output);
        var (_, json) = CliRunner.Run(["train", .. Tiny, "--print-recipe"]);
        var recipe = RecipeJson.Read(json, "printed recipe");

        // When the library executes the recipe itself (as the README's example does)
        var trained = TrainingRun.Execute(recipe);

        // Then the model is the CLI's
        Assert.Equal(ModelBundle.Load(model).Fingerprint, trained.Bundle.Fingerprint);
        Assert.Equal(8, trained.Result.Epochs.Count * recipe.Training.StepsPerEpoch);
    }

    [Fact]
    public void Train_ResumeWithoutOptions_ContinuesTheCheckpointsOwnRecipe()
    {
        // Given a one-epoch model of a 1,200-image recipe, left as the checkpoint of a longer run
        string model = temp.File("m.siamese");
        var (code, output) = CliRunner.Run(["train", .. Tiny, "--output", model]);
        Assert.True(code == 0, output);
        File.Copy(model, model + ".checkpoint");

        // When only --resume, the output and a larger --epochs are given
        var (resumeCode, resumeOutput) = CliRunner.Run("train", "--resume", "--output", model, "--epochs", "2", "--force", "--threads", "2");

        // Then it trains epoch 2 of the same data, not the default Fashion-MNIST recipe
        Assert.True(resumeCode == 0, resumeOutput);
        Assert.Contains("at epoch 2", resumeOutput);
        var training = ModelBundle.Load(model).Config.Training!;
        Assert.Equal(2, training.Epochs);
        Assert.Equal(32, training.BatchSize);
        Assert.Contains("training images", training.Data);
        Assert.False(File.Exists(model + ".checkpoint"));
    }

    [Fact]
    public void Train_PairList_TrainsAnImageModelOnExplicitPairs()
    {
        // Given a list of 200 labelled image pairs
        string root = FashionMnistFolders.WriteClassFolder(temp.File("images"), classes: 4, perClass: 10);
        string list = FashionMnistFolders.WritePairList(root, temp.File("pairs.tsv"), count: 200, seed: 3);
        string model = temp.File("pairs.siamese");

        // When a twin trains on it
        var (code, output) = CliRunner.Run("train", "--pair-list", list, "--output", model, "--threads", "2", "--epochs", "1", "--steps-per-epoch", "6",
            "--batch-size", "32", "--embedding-dim", "8", "--channels", "8,8", "--kernel-sizes", "3,3", "--hidden", "16", "--validation-fraction", "0.2");

        // Then it trains on the listed pairs at their images' size and records where they came from
        Assert.True(code == 0, output);
        Assert.Contains("160 pairs of", output);
        var config = ModelBundle.Load(model).Config;
        Assert.Equal((1, 28, 28), (config.Input!.Channels, config.Input.Height, config.Input.Width));
        Assert.Contains("pairs.tsv", config.Training!.Data);
        Assert.Contains("evaluate --pair-list", output);
    }

    [Fact]
    public void Train_PairListWithAClassLoss_IsRefusedInOneLine()
    {
        // Given a pair list and the triplet loss, which needs class labels
        string list = temp.File("pairs.tsv");
        File.WriteAllText(list, "a.png\tb.png\tsame\n");

        // When it is asked to train
        var (code, output) = CliRunner.Run("train", "--pair-list", list, "--loss", "triplet", "--output", temp.File("m.siamese"));

        // Then one line says which losses a pair list takes
        Assert.Contains("a pair list trains with", CliRunner.SingleErrorLine(code, output));
    }

    [Theory]
    [InlineData("missing.json", null, "file not found")]
    [InlineData("bad.json", "{ \"data\": 3 ", "not a training recipe")]
    [InlineData("unknown.json", "{ \"data\": { \"source\": \"ftp\" }, \"model\": {}, \"loss\": {} }", "not a training recipe")]
    public void Train_BadRecipeFile_IsRefusedInOneLineNamingTheFile(string name, string? content, string expected)
    {
        // Given a recipe file that is missing, malformed or names an unknown source
        string path = temp.File(name);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        // When it is trained
        var (code, output) = CliRunner.Run("train", "--recipe", path, "--output", temp.File("m.siamese"));

        // Then one error line names the file and the problem
        string line = CliRunner.SingleErrorLine(code, output);
        Assert.Contains(name, line);
        Assert.Contains(expected, line);
    }
}
