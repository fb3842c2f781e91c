using System.Text;
using System.Text.Json.Nodes;
using Siamese.Encoders;
using Siamese.Persistence;

namespace Siamese.Tests.Cli;

/// <summary>
/// Text models on the command line: training twin and pseudo-Siamese networks from pair files (binary and graded),
/// evaluation beside the TF-IDF baseline, compare, embed and search with texts, and the bad input around them.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TextCommandTests : IDisposable
{
    private static readonly string[][] Topics =
    [
        ["cat", "dog", "horse", "sheep", "cow", "goat", "rabbit", "mouse", "tiger", "lion", "wolf", "bear"],
        ["bake", "oven", "flour", "sugar", "butter", "dough", "bread", "cake", "recipe", "salt", "pepper", "soup"],
        ["goal", "match", "team", "score", "ball", "coach", "league", "referee", "player", "stadium", "keeper", "pitch"],
        ["guitar", "piano", "melody", "chord", "song", "drum", "violin", "rhythm", "tempo", "choir", "concert", "singer"],
    ];

    private static readonly string[] Fillers = ["the", "a", "of", "with", "and", "some", "very", "this"];

    private readonly string folder = Directory.CreateTempSubdirectory("siamese-text-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Train_BinaryTextPairs_SavesATwinWithItsTokenizerAndReportsTheBaselineBesideIt()
    {
        // Given topic sentences paired same/different, with held-out validation and test files
        var (train, validation, test) = WriteSplits(graded: false);
        string model = Path.Combine(folder, "twin.siamese");
        string report = Path.Combine(folder, "report");

        // When a twin LSTM trains on them with the TF-IDF baseline
        var (code, output) = TrainTiny(model, train, validation, test, "--baseline", "tfidf", "--report", report);

        // Then the bundle is a twin text model that stores its tokenizer, and both methods are measured on the test pairs
        Assert.True(code == 0, output);
        var config = ModelBundle.Load(model).Config;
        Assert.IsType<TextEncoderSpec>(config.Encoder);
        Assert.Null(config.SecondEncoder);
        Assert.Equal(2000, config.Tokenizer!.BucketCount);
        Assert.NotNull(config.Threshold);
        Assert.Contains("twin", output);
        Assert.Contains("tfidf", output);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")))!["results"]!.AsArray();
        Assert.Equal(["model", "tfidf"], results.Select(r => (string)r!["method"]!));
        Assert.InRange((double)results[0]!["verification"]!["auc"]!, 0.75, 1.0);
        Assert.InRange((double)results[0]!["matching"]!["precisionAt1"]!, 0.0, 1.0);
        Assert.False(File.Exists(model + ".checkpoint"));
    }

    [Fact]
    public void Train_SecondEncoder_SavesAPseudoSiameseModelThatComparesEmbedsAndSearches()
    {
        // Given a CNN for the first texts and an LSTM for the second
        var (train, validation, test) = WriteSplits(graded: false);
        string model = Path.Combine(folder, "pseudo.siamese");
        var (code, output) = TrainTiny(model, train, validation, test, "--encoder", "cnn", "--second-encoder", "lstm", "--kernel-sizes", "1,3");
        Assert.True(code == 0, output);
        Assert.Contains("pseudo-Siamese", output);

        // Then the bundle holds two encoders of different kinds
        var bundle = ModelBundle.Load(model);
        Assert.True(bundle.Network.IsPseudoSiamese);
        Assert.Equal(TextEncoderKind.Cnn, ((TextEncoderSpec)bundle.Config.Encoder).SequenceModel);
        Assert.Equal(TextEncoderKind.Lstm, ((TextEncoderSpec)bundle.Config.SecondEncoder!).SequenceModel);

        // And compare takes two texts, scores a same-topic pair above a cross-topic one
        var (sameCode, sameOutput) = CliRunner.Run("compare", "--model", model, "the cat and the dog", "a horse with a cow");
        var (otherCode, otherOutput) = CliRunner.Run("compare", "--model", model, "the cat and the dog", "flour and sugar in the oven");
        Assert.True(sameCode == 0 && otherCode == 0, sameOutput + otherOutput);
        Assert.True(Score(sameOutput) > Score(otherOutput), sameOutput + otherOutput);

        // And embed writes one row per text, through the branch asked for
        string texts = Path.Combine(folder, "texts.txt");
        File.WriteAllText(texts, "the cat\n\nguitar and drum\nlion\n");
        string first = Path.Combine(folder, "first.tsv");
        string second = Path.Combine(folder, "second.tsv");
        Assert.Equal(0, CliRunner.Run("embed", "--model", model, "--texts", texts, "--output", first).ExitCode);
        Assert.Equal(0, CliRunner.Run("embed", "--model", model, "--texts", texts, "--side", "second", "--output", second).ExitCode);
        var firstRows = File.ReadAllLines(first);
        Assert.Equal(4, firstRows.Length);
        Assert.StartsWith("text\te0", firstRows[0]);
        Assert.Equal("guitar and drum", firstRows[2].Split('\t')[0]);
        Assert.NotEqual(firstRows[1], File.ReadAllLines(second)[1]);

        // And search ranks the candidates as compare scores them, closest first
        string[] pool = ["bread and butter", "the goal keeper", "a violin melody", "the sheep and the goat"];
        string candidates = Path.Combine(folder, "candidates.txt");
        File.WriteAllLines(candidates, pool);
        string hits = Path.Combine(folder, "hits.tsv");
        var (searchCode, searchOutput) = CliRunner.Run("search", "--model", model, "--candidates", candidates, "--top", "2", "--output", hits, "a wolf and a bear");
        Assert.True(searchCode == 0, searchOutput);
        var rows = File.ReadAllLines(hits).Skip(1).Select(r => r.Split('\t')).ToArray();
        Assert.Equal(["1", "2"], rows.Select(r => r[1]));
        var compared = pool.Select(c => Score(CliRunner.Run("compare", "--model", model, "a wolf and a bear", c).Output)).ToArray();
        Assert.Equal(pool[Array.IndexOf(compared, compared.Max())], rows[0][^1]);
        Assert.Equal(compared.Max(), double.Parse(rows[0][2], System.Globalization.CultureInfo.InvariantCulture), 3);
    }

    [Fact]
    public void Train_GradedScores_SelectsBySpearmanAndEvaluateReportsCorrelation()
    {
        // Given pairs scored 0-5 (5 same topic, 0 unrelated, in between for mixed sentences)
        var (train, validation, test) = WriteSplits(graded: true);
        string model = Path.Combine(folder, "graded.siamese");

        // When it trains with the default graded loss
        var (code, output) = CliRunner.Run(["train", "--pairs", train, "--validation-file", validation, "--score", "score", "--score-range", "0,5",
            .. TinyModel(model)]);

        // Then epochs are chosen by validation Spearman with the CoSENT loss
        Assert.True(code == 0, output);
        Assert.Contains("val Spearman", output);
        Assert.Equal("cosent", ModelBundle.Load(model).Config.Training!.Loss);

        // And evaluate --pairs reports Pearson and Spearman for the model and the baseline
        string report = Path.Combine(folder, "graded-report");
        var (evalCode, evalOutput) = CliRunner.Run("evaluate", "--model", model, "--pairs", test, "--score", "score", "--score-range", "0,5",
            "--baseline", "tfidf", "--baseline-fit", train, "--report", report);
        Assert.True(evalCode == 0, evalOutput);
        Assert.Contains("Spearman", evalOutput);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")))!["results"]!.AsArray();
        Assert.InRange((double)results[0]!["correlation"]!["spearman"]!, 0.3, 1.0);
        Assert.NotNull(results[1]!["correlation"]!["pearson"]);
    }

    [Fact]
    public void Train_ResumeTextCheckpoint_ContinuesWithTheCheckpointsArchitecture()
    {
        // Given a pseudo-Siamese model after one epoch, left as the checkpoint of an interrupted two-epoch run
        var (train, validation, _) = WriteSplits(graded: false);
        string first = Path.Combine(folder, "first.siamese");
        string[] data = ["train", "--pairs", train, "--validation-file", validation, "--same-labels", "same", "--different-labels", "different"];
        Assert.Equal(0, CliRunner.Run([.. data, .. TinyModel(first), "--epochs", "1", "--encoder", "cnn", "--second-encoder", "gru", "--share-word-vectors"]).ExitCode);
        string model = Path.Combine(folder, "resumed.siamese");
        File.Copy(first, model + ".checkpoint");

        // When the run is resumed (without repeating the architecture options)
        var (code, output) = CliRunner.Run([.. data, .. TinyModel(model), "--resume"]);

        // Then it trains epoch 2 only, on the checkpoint's branches, and removes the checkpoint
        Assert.True(code == 0, output);
        Assert.Contains("Resuming", output);
        var config = ModelBundle.Load(model).Config;
        Assert.Equal(2, config.Training!.Epochs);
        Assert.True(config.ShareWordVectors);
        Assert.Equal(TextEncoderKind.Gru, ((TextEncoderSpec)config.SecondEncoder!).SequenceModel);
        Assert.False(File.Exists(model + ".checkpoint"));
    }

    [Fact]
    public void Train_MaLstm_RegressesExpL1OnGradedScores()
    {
        // Given graded pairs and the MaLSTM recipe: exp(-L1) similarity in (0, 1] regressed on the rescaled score
        var (train, validation, _) = WriteSplits(graded: true);
        string model = Path.Combine(folder, "malstm.siamese");

        // When it trains
        var (code, output) = CliRunner.Run(["train", "--pairs", train, "--validation-file", validation, "--score", "score", "--score-range", "0,5",
            "--distance", "exp-l1", "--loss", "score-mse", "--normalize", "false", .. TinyModel(model)]);

        // Then the bundle records the distance and the loss, and validation loss is the regression error
        Assert.True(code == 0, output);
        var config = ModelBundle.Load(model).Config;
        Assert.Equal("exp-l1", config.Distance);
        Assert.Equal("score-mse", config.Training!.Loss);
        Assert.Contains("val Spearman", output);
    }

    [Fact]
    public void Train_GradedLossOverADistance_IsRefused()
    {
        var (train, validation, _) = WriteSplits(graded: true);
        var (code, output) = CliRunner.Run(["train", "--pairs", train, "--validation-file", validation, "--score", "score", "--score-range", "0,5",
            "--distance", "l2", "--loss", "cosent", .. TinyModel(Path.Combine(folder, "never.siamese"))]);
        Assert.Equal(2, code);
        Assert.Contains("cosine or exp-l1", output);
    }

    [Fact]
    public void EvaluatePairs_WithAnImageModel_SaysItNeedsATextModel()
    {
        // Given an image model (a tiny one trained on Fashion-MNIST) and a text pair file
        string model = Path.Combine(folder, "image.siamese");
        var (trainCode, trainOutput) = CliRunner.Run("train", "--output", model, "--epochs", "1", "--steps-per-epoch", "2", "--batch-size", "16",
            "--train-limit", "1000", "--validation-fraction", "0.2", "--validation-pairs", "20", "--no-evaluate", "--channels", "4", "--kernel-sizes", "3", "--hidden", "8", "--embedding-dim", "4");
        Assert.True(trainCode == 0, trainOutput);
        var (_, _, test) = WriteSplits(graded: false);

        // When text pairs are evaluated with it
        var (code, output) = CliRunner.Run("evaluate", "--model", model, "--pairs", test, "--same-labels", "same", "--different-labels", "different");

        // Then the one-line error says so
        Assert.Equal(2, code);
        Assert.Contains("image model", output);
    }

    public static TheoryData<string, string, string> BadPairFiles => new()
    {
        { "missing column", "sentence1\tother\tlabel\nthe cat\tthe dog\tsame\n", "sentence2" },
        { "unknown label", "sentence1\tsentence2\tlabel\nthe cat\tthe dog\tsame\nthe cat\tflour\tmaybe\n", "line 3: column 'label'" },
        { "empty text", "sentence1\tsentence2\tlabel\nthe cat\tthe dog\tsame\n\tflour\tdifferent\n", "line 3: column 'sentence1'" },
    };

    [Theory]
    [MemberData(nameof(BadPairFiles))]
    public void Train_BadPairFile_FailsWithOneLineNamingTheFileAndWritesNothing(string what, string content, string expected)
    {
        // Given a broken pair file
        string file = Path.Combine(folder, "bad.tsv");
        File.WriteAllText(file, content);
        string model = Path.Combine(folder, "never.siamese");

        // When training reads it
        var (code, output) = CliRunner.Run(["train", "--pairs", file, "--same-labels", "same", "--different-labels", "different", .. TinyModel(model)]);

        // Then it stops with one line naming the file and the place, and writes no model
        Assert.True(code == 2, $"{what}: {output}");
        var error = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:"));
        Assert.Contains("bad.tsv", error);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(model));
        Assert.False(File.Exists(model + ".checkpoint"));
    }

    [Theory]
    [InlineData("7", "outside")]
    [InlineData("high", "high")]
    public void Train_BadGradedScore_NamesTheLine(string score, string expected)
    {
        string file = Path.Combine(folder, "scores.csv");
        File.WriteAllText(file, $"sentence1,sentence2,score\nthe cat,the dog,4.5\n\"the cat, the dog\",flour,{score}\n");
        string model = Path.Combine(folder, "never.siamese");
        var (code, output) = CliRunner.Run(["train", "--pairs", file, "--score", "score", "--score-range", "0,5", .. TinyModel(model)]);
        Assert.True(code == 2, output);
        Assert.Contains("scores.csv: line 3: column 'score'", output);
        Assert.Contains(expected, output);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Train_InvalidUtf8OrHugeLine_IsRefusedWithTheLineNumber()
    {
        string model = Path.Combine(folder, "never.siamese");
        string invalid = Path.Combine(folder, "latin1.tsv");
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("sentence1\tsentence2\tlabel\nthe cat\tthe dog\tsame\ncaf"));
        bytes.AddRange([0xE9, (byte)'\t', (byte)'x', (byte)'\t']);
        bytes.AddRange(Encoding.UTF8.GetBytes("same\n"));
        File.WriteAllBytes(invalid, [.. bytes]);
        var (code, output) = CliRunner.Run(["train", "--pairs", invalid, "--same-labels", "same", "--different-labels", "different", .. TinyModel(model)]);
        Assert.True(code == 2, output);
        Assert.Contains("latin1.tsv: line 3", output);
        Assert.Contains("UTF-8", output);

        string huge = Path.Combine(folder, "huge.tsv");
        File.WriteAllText(huge, "sentence1\tsentence2\tlabel\nthe cat\tthe dog\tsame\n" + new string('a', 1 << 20) + "\tx\tsame\n");
        (code, output) = CliRunner.Run(["train", "--pairs", huge, "--same-labels", "same", "--different-labels", "different", .. TinyModel(model)]);
        Assert.True(code == 2, output);
        Assert.Contains("huge.tsv: line 3", output);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData("--encoder", "transformer", "transformer")]
    [InlineData("--second-encoder", "bert", "bert")]
    [InlineData("--loss", "triplet", "class labels")]
    [InlineData("--pooling", "attention", "attention")]
    [InlineData("--baseline", "bm25", "bm25")]
    public void Train_BadTextOption_IsRefusedBeforeReadingData(string option, string value, string expected)
    {
        string model = Path.Combine(folder, "never.siamese");
        var (code, output) = CliRunner.Run(["train", "--pairs", Path.Combine(folder, "absent.tsv"), "--same-labels", "same", "--different-labels", "different",
            option, value, .. TinyModel(model)]);
        Assert.True(code == 2, output);
        Assert.Contains(expected, output);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Train_LabelMeaningNotStated_AsksForTheMapping()
    {
        var (train, _, _) = WriteSplits(graded: false);
        var (code, output) = CliRunner.Run(["train", "--pairs", train, .. TinyModel(Path.Combine(folder, "never.siamese"))]);
        Assert.True(code == 2, output);
        Assert.Contains("--same-labels", output);
    }

    [Fact]
    public void TrainAndEvaluate_StsBenchmarkAsPublished_ReadTheFilesByColumnNumber()
    {
        // Given the STS Benchmark's train and dev files as published: tab-separated, unquoted, no header row
        string stsb = Tests.Data.SharedData.Folder("stsb");
        string[] columns = ["--no-header", "--text1", "6", "--text2", "7", "--score", "5", "--score-range", "0,5"];
        string model = Path.Combine(folder, "sts.siamese");

        // When a model trains briefly on the train file, validated on dev, and is then evaluated on dev
        var (code, output) = CliRunner.Run(["train", "--pairs", Path.Combine(stsb, "sts-train.csv"), "--validation-file", Path.Combine(stsb, "sts-dev.csv"),
            .. columns, .. TinyModel(model, epochs: 1, steps: 5)]);
        var (evalCode, evalOutput) = CliRunner.Run(["evaluate", "--model", model, "--pairs", Path.Combine(stsb, "sts-dev.csv"), .. columns,
            "--report", Path.Combine(folder, "sts-report")]);

        // Then both read every pair and report Spearman's correlation over the 1,500 dev pairs
        Assert.True(code == 0, output);
        Assert.Contains("val Spearman", output);
        Assert.True(evalCode == 0, evalOutput);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "sts-report", "metrics.json")))!["results"]![0]!;
        Assert.InRange((double)result["correlation"]!["spearman"]!, -1.0, 1.0);
        Assert.Equal(1_500, (int)result["pairCount"]!);
    }

    [Fact]
    public void Train_QuotedTsv_NeedsQuotingRfc4180AndReadsWithIt()
    {
        // Given a TSV whose fields are quoted because they hold tabs
        var (train, _, _) = WriteSplits(graded: false);
        string quoted = Path.Combine(folder, "quoted.tsv");
        File.WriteAllLines(quoted, File.ReadAllLines(train).Select((line, i) => i == 0 ? line : string.Join('\t', line.Split('\t').Select((f, j) => j == 0 ? $"\"{f}\tand more\"" : f))));
        string[] data = ["train", "--pairs", quoted, "--same-labels", "same", "--different-labels", "different"];

        // When it is read as a plain TSV (the default), then the extra field is reported with the option to use
        var (code, output) = CliRunner.Run([.. data, .. TinyModel(Path.Combine(folder, "never.siamese"), epochs: 1, steps: 2)]);
        Assert.True(code == 2, output);
        Assert.Contains("quoted.tsv: line 2: expected 3 tab-separated fields as in the header, found 4", output);
        Assert.Contains("--quoting rfc4180", output);

        // And with --quoting rfc4180 it trains
        (code, output) = CliRunner.Run([.. data, "--quoting", "rfc4180", .. TinyModel(Path.Combine(folder, "quoted.siamese"), epochs: 1, steps: 2)]);
        Assert.True(code == 0, output);
    }

    public static TheoryData<string[], string> BadFormatOptions => new()
    {
        { ["--no-header", "--score", "5", "--score-range", "0,5"], "--no-header: --text1 'sentence1' is a header name, but the files have no header row; give --text1 the column's number (the first column is 1)" },
        { ["--no-header", "--text1", "6", "--text2", "7", "--score", "score", "--score-range", "0,5"], "--no-header: --score 'score' is a header name" },
        { ["--no-header", "--text1", "6", "--text2", "7", "--same-labels", "1", "--different-labels", "0"], "--no-header: give the label column's number with --score N (graded scores) or --label N (binary labels); the first column is 1" },
        { ["--text1", "0", "--score", "5", "--score-range", "0,5"], "--text1: column '0': column numbers count from 1 (the first column is 1)" },
        { ["--text1", "6", "--text2", "6", "--score", "5", "--score-range", "0,5"], "three different columns, found 6, 6 and 5" },
        { ["--quoting", "csv", "--score", "score", "--score-range", "0,5"], "--quoting must be none or rfc4180, not 'csv'" },
        { ["--delimiter", "ab", "--score", "score", "--score-range", "0,5"], "--delimiter: expected tab, comma, semicolon, pipe or one character" },
    };

    [Theory]
    [MemberData(nameof(BadFormatOptions))]
    public void TrainAndEvaluate_BadColumnOrFormatOption_IsRefusedBeforeReadingData(string[] options, string expected)
    {
        // Given pair options that cannot describe a file, when train and evaluate are given them
        string absent = Path.Combine(folder, "absent.tsv");
        var (code, output) = CliRunner.Run(["train", "--pairs", absent, .. options, .. TinyModel(Path.Combine(folder, "never.siamese"))]);
        var (evalCode, evalOutput) = CliRunner.Run(["evaluate", "--model", Path.Combine(folder, "absent.siamese"), "--pairs", absent, .. options]);

        // Then both refuse them with one line naming the option, before looking for the files
        Assert.True(code == 2, output);
        Assert.Contains(expected, Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:")));
        Assert.True(evalCode == 2, evalOutput);
        Assert.Contains(expected, evalOutput);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    public void Help_TextPairColumns_SayNumbersCountFromOne(string verb)
    {
        // Given the help of a verb that reads text pair files, then it says column numbers are 1-based and lists the format options
        var (_, output) = CliRunner.Run(verb, "--help");
        Assert.Contains("the first column is 1", output);
        Assert.Contains("--no-header", output);
        Assert.Contains("--quoting", output);
        Assert.Contains("--delimiter", output);
    }

    [Fact]
    public void EnrollIdentifyVerify_TextModel_KeepAGalleryOfTexts()
    {
        // Given a trained text model and a gallery of two labels enrolled from texts
        var (train, validation, test) = WriteSplits(graded: false);
        string model = Path.Combine(folder, "gallery-text.siamese");
        Assert.Equal(0, TrainTiny(model, train, validation, test, "--no-evaluate").ExitCode);
        string gallery = Path.Combine(folder, "texts.gallery");
        var (code, output) = CliRunner.Run("enroll", "--model", model, "--gallery", gallery, "--label", "boats", "a boat on the river", "sailing ships at sea");
        Assert.True(code == 0, output);
        (code, output) = CliRunner.Run("enroll", "--model", model, "--gallery", gallery, "--label", "food", "fresh bread and butter");
        Assert.True(code == 0, output);

        // When an enrolled text is identified and verified against its label
        var (identifyCode, identified) = CliRunner.Run("identify", "--model", model, "--gallery", gallery, "--top", "2", "fresh bread and butter");
        var (verifyCode, verified) = CliRunner.Run("verify", "--model", model, "--gallery", gallery, "--label", "food", "fresh bread and butter");

        // Then the texts were embedded through the model's text branch: the text is closest to its own label, at
        // similarity 1, and accepted
        Assert.True(identifyCode == 0, identified);
        Assert.Contains("3 entries", output);
        Assert.Matches(@"food 1(\s|$)", identified);
        Assert.True(verifyCode == 0, verified);
        Assert.Contains("accept", verified);
    }

    [Fact]
    public void ImageVerbs_WithATextModel_SayItIsATextModel()
    {
        // Given a trained text model
        var (train, validation, test) = WriteSplits(graded: false);
        string model = Path.Combine(folder, "twin.siamese");
        Assert.Equal(0, TrainTiny(model, train, validation, test, "--no-evaluate").ExitCode);

        // When it is used where an image model is expected
        var (code, output) = CliRunner.Run("evaluate", "--model", model, "--test-pairs", "200");

        // Then the error says what the model is for
        Assert.Equal(2, code);
        Assert.Contains("text model", output);
        (code, output) = CliRunner.Run("embed", "--model", model, "--split", "test", "--output", Path.Combine(folder, "x.tsv"));
        Assert.Equal(2, code);
        Assert.Contains("text model", output);
    }

    [Fact]
    public void CompareAndEmbed_TextModelGivenImageFiles_SayItComparesTextsInsteadOfComparingTheNames()
    {
        // Given a text model and two picture files
        var (train, validation, test) = WriteSplits(graded: false);
        string model = Path.Combine(folder, "twin.siamese");
        Assert.Equal(0, TrainTiny(model, train, validation, test, "--no-evaluate").ExitCode);
        string a = Path.Combine(folder, "a.png"), b = Path.Combine(folder, "b.png");
        File.WriteAllBytes(a, [0x89, 0x50, 0x4E, 0x47]);
        File.WriteAllBytes(b, [0x89, 0x50, 0x4E, 0x47]);

        // When compare and embed get the files
        var compared = CliRunner.Run("compare", "--model", model, a, b);
        var embedded = CliRunner.Run("embed", "--model", model, "--output", Path.Combine(folder, "e.tsv"), a, b);

        // Then both refuse, saying the model compares texts, and nothing is written
        foreach (var (code, output) in new[] { compared, embedded })
        {
            Assert.Equal(2, code);
            Assert.Contains($"this is a text model and compares texts, but '{a}' is an image file", output);
        }

        Assert.False(File.Exists(Path.Combine(folder, "e.tsv")));
    }

    [Fact]
    public void Train_ValidationPairsAllSame_IsRefusedBeforeTraining()
    {
        // Given a validation file whose pairs are all labelled same
        var (train, _, test) = WriteSplits(graded: false);
        string validation = Path.Combine(folder, "all-same.tsv");
        File.WriteAllLines(validation, ["sentence1\tsentence2\tlabel", "the cat\ta dog\tsame", "flour\tsugar\tsame", "goal\tmatch\tsame"]);
        string model = Path.Combine(folder, "m.siamese");

        // When training is asked to calibrate on them
        var (code, output) = TrainTiny(model, train, validation, test);

        // Then it stops before the first step, saying why, and writes no model or checkpoint
        Assert.Equal(2, code);
        Assert.Contains("the 3 validation pairs are all 'same': the decision threshold cannot be calibrated on them", output);
        Assert.DoesNotContain("epoch 1", output);
        Assert.False(File.Exists(model));
        Assert.False(File.Exists(model + ".checkpoint"));
    }

    private static double Score(string compareOutput)
    {
        var line = compareOutput.Split('\n').First(l => l.Contains("cosine"));
        var cell = line.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[1];
        return double.Parse(cell.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] TinyModel(string model, int epochs = 2, int steps = 25) =>
    [
        "--output", model, "--buckets", "2000", "--word-dim", "16", "--hidden", "16", "--embedding-dim", "16",
        "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--steps-per-epoch", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size", "32", "--lr", "0.01", "--seed", "3",
    ];

    private (int ExitCode, string Output) TrainTiny(string model, string train, string validation, string test, params string[] extra) =>
        CliRunner.Run(["train", "--pairs", train, "--validation-file", validation, "--test-file", test,
            "--same-labels", "same", "--different-labels", "different", .. TinyModel(model), .. extra]);

    private (string Train, string Validation, string Test) WriteSplits(bool graded)
    {
        var random = new Random(11);
        string Sentence(int topic) =>
            string.Join(' ', Enumerable.Range(0, 6).Select(i => i % 3 == 0 ? Fillers[random.Next(Fillers.Length)] : Topics[topic][random.Next(Topics[topic].Length)]));
        string Write(string name, int count)
        {
            var lines = new List<string> { graded ? "sentence1\tsentence2\tscore" : "sentence1\tsentence2\tlabel" };
            for (int i = 0; i < count; i++)
            {
                int a = random.Next(Topics.Length);
                int b = i % 2 == 0 ? a : (a + 1 + random.Next(Topics.Length - 1)) % Topics.Length;
                string label = graded ? (a == b ? 4 + random.Next(2) : random.Next(2)).ToString(System.Globalization.CultureInfo.InvariantCulture) : a == b ? "same" : "different";
                lines.Add($"{Sentence(a)}\t{Sentence(b)}\t{label}");
            }

            string path = Path.Combine(folder, name);
            File.WriteAllLines(path, lines);
            return path;
        }

        return (Write(graded ? "train-g.tsv" : "train.tsv", 400), Write(graded ? "val-g.tsv" : "val.tsv", 80), Write(graded ? "test-g.tsv" : "test.tsv", 80));
    }
}
