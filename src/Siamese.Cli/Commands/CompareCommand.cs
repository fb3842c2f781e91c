using Siamese.Inputs;
using Siamese.Models;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese compare</c>: two inputs (images or texts, as the model's branches read) → score and same/different by the stored threshold.</summary>
public sealed class CompareCommand : Command<CompareSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        using var model = SiameseModel.Load(settings.Model);
        string[] texts = [.. new[] { (settings.First, PairSide.First), (settings.Second, PairSide.Second) }
            .Where(x => model.Side(x.Item2).Branch.Input is TextInput).Select(x => x.Item1)];
        CommandSupport.RefuseImageFilesAsTexts(texts, settings.Model);

        // Each argument goes through its side's branch, which reads it as what the branch takes (an image file or a text).
        var comparison = model.Compare(settings.First, settings.Second);
        double score = comparison.Score;
        var distance = model.Bundle.Network.Distance;
        var threshold = model.Threshold;
        string verdict = comparison.IsSame switch
        {
            null => "[yellow]unknown[/] (the model has no calibrated threshold)",
            true => "[green]same[/]",
            false => "[red]different[/]",
        };
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumns("", "");
        table.AddRow("first", Markup.Escape(settings.First));
        table.AddRow("second", Markup.Escape(settings.Second));
        table.AddRow(distance.Name, $"{score:G6} ({(distance.LargerIsCloser ? "larger" : "smaller")} is closer)");
        if (threshold is not null)
        {
            table.AddRow("threshold", $"{threshold.Value:G6} ({Markup.Escape(threshold.Criterion)}; {(distance.LargerIsCloser ? ">=" : "<=")} means same)");
        }

        table.AddRow("verdict", verdict);
        AnsiConsole.Write(table);
        return 0;
    }
}
