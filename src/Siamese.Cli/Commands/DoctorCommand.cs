using Siamese.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>
/// <c>siamese doctor</c>: shows how the tensor engine is set up on this machine and checks that its convolutions compute
/// right and repeatably (<see cref="EngineCheck"/>). Exit code 0 when every check passes, 1 when one fails.
/// </summary>
public sealed class DoctorCommand : Command<DoctorSettings>
{
    /// <summary>Exit code when a check fails.</summary>
    public const int CheckFailed = 1;

    /// <inheritdoc />
    public override int Execute(CommandContext context, DoctorSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        var report = EngineCheck.Run();
        var setup = new Table().Border(TableBorder.Rounded).Title("engine");
        setup.AddColumns("setting", "value");
        setup.AddRow("libtorch threads", report.Threads.ToString());
        setup.AddRow("oneDNN instruction-set cap", Markup.Escape(
            report.OneDnnIsaCap is null ? "none" : $"{report.OneDnnIsaCap} ({(report.OneDnnIsaCapFromEnvironment ? "from the environment" : "set by Siamese")})"));
        setup.AddRow("NNPACK", report.NnpackEnabled ? "on" : "off");
        AnsiConsole.Write(setup);

        var checks = new Table().Border(TableBorder.Rounded).Title("convolutions against float64");
        checks.AddColumns("shape", "relative error", "repeatable", "result");
        foreach (var result in report.Convolutions)
        {
            checks.AddRow(
                Markup.Escape(result.Check.ToString()),
                double.IsNaN(result.RelativeError) ? "not finite" : result.RelativeError.ToString("0.00e+00", System.Globalization.CultureInfo.InvariantCulture),
                result.Repeatable ? "yes" : "no",
                result.Passed ? "ok" : "[red]FAILED[/]");
        }

        checks.Caption($"right within {ConvolutionCheck.Tolerance:0e+00} of the float64 result and the same bits twice");
        AnsiConsole.Write(checks);
        if (report.Passed)
        {
            AnsiConsole.MarkupLine("The engine computes right on this machine.");
            return 0;
        }

        AnsiConsole.MarkupLine("[red]The engine computes wrong on this machine:[/] trainings may diverge or differ between runs of one seed. " +
            "Run with ONEDNN_MAX_CPU_ISA=AVX2 (or SSE41) and report the failing shapes.");
        return CheckFailed;
    }
}
