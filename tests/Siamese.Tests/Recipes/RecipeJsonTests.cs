using Siamese.Encoders;
using Siamese.Recipes;
using Siamese.Sources;
using Siamese.Tests.Losses;
using Siamese.Training;

namespace Siamese.Tests.Recipes;

public sealed class RecipeJsonTests
{
    public static TheoryData<string> SourceKinds() => [.. DataSourceCatalog.Names];

    [Theory]
    [MemberData(nameof(SourceKinds))]
    public void Write_EverySource_ReadsBackToTheSameRecipe(string kind)
    {
        // Given a recipe over a source of each kind, with settings off their defaults
        DataSourceSpec data = kind switch
        {
            "fashion-mnist" => new FashionMnistSource { Folder = "/data/fm", Split = new ImageSplitOptions { ClassFraction = 0.6, RotateClasses = true } },
            "image-folder" => new ImageFolderSource { Folder = "faces", ClassDepth = 2, Channels = 3, Height = 64, Width = 48, Split = new ImageSplitOptions { ValidationBy = ValidationHoldout.Sample, TrainClasses = "0-5" } },
            "image-pairs" => new ImagePairListSource { File = "pairs.tsv", Height = 32, Width = 32, TestFile = "test.tsv" },
            "text-pairs" => new TextPairFileSource { File = "sts.tsv", Layout = new TextPairFileLayout { Label = "score", ScoreRange = "0,5", Delimiter = '\t' }, ValidationFraction = 0.2 },
            _ => throw new InvalidOperationException(kind),
        };
        var recipe = new TrainingRecipe
        {
            Data = data,
            Model = new ModelRecipe { Encoder = new ConvEncoderSpec { EmbeddingDimension = 16 }, Distance = "cosine" },
            Loss = data.HasClassLabels ? TestLossSpecs.Of("triplet", miner: "semi-hard", margin: 0.3) : TestLossSpecs.Of("contrastive", margin: 0.3),
            Training = new TrainerOptions { Epochs = 3, Seed = 9 },
            Augment = true,
            Calibration = "far=0.01",
        };

        // When it is written and read back
        string json = RecipeJson.Write(recipe);
        var read = RecipeJson.Read(json, "recipe.json");

        // Then the source keeps its kind and settings, and writing it again gives the same JSON
        Assert.Contains($"\"source\": \"{kind}\"", json);
        Assert.Equal(data, read.Data with { });
        Assert.Equal(json, RecipeJson.Write(read));
        Assert.Equal(9, read.Seed);
    }

    [Fact]
    public void Read_NewerFormat_IsRefusedNamingTheSource()
    {
        // Given a recipe of a later format
        var recipe = new TrainingRecipe
        {
            FormatVersion = TrainingRecipe.CurrentFormatVersion + 1,
            Data = new FashionMnistSource(),
            Model = new ModelRecipe { Encoder = new MlpEncoderSpec(), Distance = "l2" },
            Loss = TestLossSpecs.Of("contrastive"),
        };

        // When it is read, then the message names the file and the versions
        var ex = Assert.Throws<ArgumentException>(() => RecipeJson.Read(RecipeJson.Write(recipe), "r.json"));
        Assert.StartsWith("r.json: recipe format 2", ex.Message);
    }

    [Fact]
    public void Read_InvalidPart_NamesThePart()
    {
        // Given a recipe whose loss takes a miner it does not know
        var recipe = new TrainingRecipe
        {
            Data = new FashionMnistSource(),
            Model = new ModelRecipe { Encoder = new MlpEncoderSpec(), Distance = "l2" },
            Loss = TestLossSpecs.Of("contrastive", miner: "batch-hard"),
        };

        // When it is read, then the message names the part
        Assert.StartsWith("r.json: loss: ", Assert.Throws<ArgumentException>(() => RecipeJson.Read(RecipeJson.Write(recipe), "r.json")).Message);
    }

    [Theory]
    [InlineData("fashion-mnist", "luck", "r.json: validation: 'luck' is not an evaluator; expected any of retrieval, few-shot, open-set")]
    [InlineData("image-pairs", "few-shot", "r.json: validation: few-shot measures class-labelled items; image-pairs data validates on its pairs")]
    public void Read_ValidationEvaluatorThatDoesNotFit_IsRefusedNamingIt(string source, string evaluator, string expected)
    {
        // Given a recipe naming a validation evaluator that does not exist, or one its data cannot feed
        var recipe = new TrainingRecipe
        {
            Data = source == "image-pairs" ? new ImagePairListSource { File = "pairs.tsv" } : new FashionMnistSource(),
            Model = new ModelRecipe { Encoder = new MlpEncoderSpec(), Distance = "l2" },
            Loss = TestLossSpecs.Of("contrastive"),
            Validation = [evaluator],
        };

        // When it is read, then the message names the evaluator
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => RecipeJson.Read(RecipeJson.Write(recipe), "r.json")).Message);
    }
}
