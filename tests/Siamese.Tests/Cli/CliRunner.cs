using Siamese.Cli;
using Spectre.Console;

namespace Siamese.Tests.Cli;

/// <summary>Runs the siamese command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 250;
        int code = SiameseApp.Run(args, console);
        return (code, writer.ToString());
    }

    /// <summary>Asserts that a run failed on bad input (exit 2) printing nothing but one error line, and returns that line.</summary>
    public static string SingleErrorLine(int code, string output)
    {
        Assert.Equal(2, code);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        return line;
    }
}

/// <summary>CLI tests swap the process-wide console, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "command line";
}
