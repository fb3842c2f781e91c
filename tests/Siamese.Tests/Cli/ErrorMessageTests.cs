using Siamese.Cli;
using Spectre.Console.Cli;

namespace Siamese.Tests.Cli;

[Collection(CliCollection.Name)]
public class ErrorMessageTests
{
    [Theory]
    [InlineData(new[] { "train", "--los", "triplet" }, "--los: unknown option of 'siamese train' (did you mean --loss?)")]
    [InlineData(new[] { "train", "--margn", "5" }, "--margn: unknown option of 'siamese train' (did you mean --margin?)")]
    [InlineData(new[] { "compare", "--bogus", "1", "a.png", "b.png" }, "--bogus: unknown option of 'siamese compare'; see 'siamese compare --help'")]
    [InlineData(new[] { "gallery", "list", "--galery", "g.db" }, "--galery: unknown option of 'siamese gallery list' (did you mean --gallery?)")]
    [InlineData(new[] { "trian" }, "'trian': unknown command (did you mean train?)")]
    [InlineData(new[] { "gallery", "lst" }, "'lst': unknown command (did you mean gallery list?)")]
    [InlineData(new[] { "train", "extra" }, "'extra': siamese train takes no such argument")]
    public void Run_MisspelledOptionOrCommand_FailsInsteadOfIgnoringIt(string[] args, string expected)
    {
        var (code, output) = CliRunner.Run(args);

        Assert.Contains(expected, CliRunner.SingleErrorLine(code, output));
    }

    [Theory]
    [InlineData("--batch-size", "99999999999", "--batch-size: expected a whole number, got '99999999999' (the largest is 2147483647)")]
    [InlineData("--epochs", "many", "--epochs: expected a whole number, got 'many'")]
    [InlineData("--margin", "abc", "--margin: expected a number such as 0.5 or 1e-3, got 'abc'")]
    [InlineData("--margin", "NaN", "--margin must be a finite number, not NaN")]
    [InlineData("--warmup", "NaN", "--warmup must be a finite number, not NaN")]
    [InlineData("--lr", "Infinity", "--lr")]
    [InlineData("--force=3", null, "--force is a switch and takes no value")]
    public void Train_ValueOfTheWrongKind_NamesTheOptionAndWhatItTakes(string option, string? value, string expected)
    {
        string[] args = value is null ? ["train", option] : ["train", option, value];

        var (code, output) = CliRunner.Run(args);

        Assert.Contains(expected, CliRunner.SingleErrorLine(code, output));
    }

    [Theory]
    [InlineData("--batch-size", "100000000", "--batch-size must be at most 65536 (got 100000000)")]
    [InlineData("--embedding-dim", "2000000000", "--embedding-dim must be at most 65536 (got 2000000000)")]
    [InlineData("--hidden", "2000000000", "--hidden must be at most 65536 (got 2000000000)")]
    [InlineData("--channels", "100000,100000", "--channels must be at most 65536 (got 100000)")]
    [InlineData("--epochs", "2147483647", "--epochs x --steps-per-epoch must be at most 2147483647 steps (got 1073741823500)")]
    [InlineData("--validation-pairs", "2000000000", "--validation-pairs must be at most 10000000 (got 2000000000)")]
    [InlineData("--threads", "100000", "--threads must be 0 (default) or from 1 to 1024 (got 100000)")]
    public void Train_CountFarBeyondAnyRealRun_IsRefusedBeforeAnyWork(string option, string value, string expected)
    {
        var (code, output) = CliRunner.Run("train", option, value);

        Assert.Contains(expected, CliRunner.SingleErrorLine(code, output));
    }

    [Fact]
    public void Evaluate_TwoBillionPairs_IsRefusedBeforeAnyWork()
    {
        var (code, output) = CliRunner.Run("evaluate", "--model", "m.siamese", "--test-pairs", "2000000000");

        Assert.Contains("--test-pairs must be at most 10000000 (got 2000000000)", CliRunner.SingleErrorLine(code, output));
    }

    [Fact]
    public void Evaluate_PairsGivenACount_NamesTheCountOption()
    {
        var (code, output) = CliRunner.Run("evaluate", "--model", "m.siamese", "--pairs", "300");

        Assert.Contains("--pairs names a text pair file, not a count; for 300 random image test pairs use --test-pairs 300", CliRunner.SingleErrorLine(code, output));
    }

    [Fact]
    public void Train_OptionWithoutItsValue_SaysItNeedsOne()
    {
        var (code, output) = CliRunner.Run("train", "--epochs");

        Assert.Contains("--epochs needs a value (a whole number)", CliRunner.SingleErrorLine(code, output));
    }

    [Fact]
    public void Evaluate_FarNaN_IsRefused()
    {
        var (code, output) = CliRunner.Run("evaluate", "--model", "m.siamese", "--far", "NaN");

        Assert.Contains("--far", CliRunner.SingleErrorLine(code, output));
    }

    [Fact]
    public void For_ArgumentExceptionWithAParameterName_DropsTheInternalName()
    {
        var error = new ArgumentException("scores[0] is NaN; every score must be a finite number", "scores");

        string message = ErrorMessages.For(error, ["evaluate"], SiameseApp.Verbs);

        Assert.Equal("scores[0] is NaN; every score must be a finite number", message);
    }

    [Fact]
    public void Sanitize_ControlCharactersAndAHugeText_EscapesAndCuts()
    {
        string text = "line 3: 'a\tb\rc" + new string('\0', 10_000) + "'";

        string message = ErrorMessages.Sanitize(text);

        Assert.StartsWith("line 3: 'a\\tb\\rc\\0\\0", message);
        Assert.InRange(message.Length, ErrorMessages.MaxLength, ErrorMessages.MaxLength + 3);
        Assert.EndsWith("...", message);
        Assert.DoesNotContain(message, char.IsControl);
    }

    [Fact]
    public void Verbs_EveryCommandOfTheTool_IsListedWithItsSettings()
    {
        // Given every verb class of the command line (Command<TSettings>)
        var settingsOfCommands = typeof(SiameseApp).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Command<>))
            .Select(t => t.BaseType!.GetGenericArguments()[0])
            .ToHashSet();

        // Then the table the error messages read names each of them
        Assert.Equal(settingsOfCommands.OrderBy(t => t.Name), SiameseApp.Verbs.Values.Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void Run_LongErrorInAPipe_IsOneLineOnStandardError()
    {
        // Given a process whose output is a pipe (Spectre would wrap at 80 columns) and an error longer than 80 characters
        string missing = "/tmp/" + new string('m', 120) + "/model.siamese";

        // When it fails
        var (code, output, error) = CliProcess.Run(["compare", "--model", missing, "a.png", "b.png"], TimeSpan.FromMinutes(1));

        // Then the error is one line on standard error, and standard output holds nothing
        Assert.Equal(2, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(missing, line);
        Assert.Equal("", output.Trim());
    }
}
