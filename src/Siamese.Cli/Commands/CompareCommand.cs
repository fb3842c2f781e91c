using Siamese.Data;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese compare</c>: two images → score and same/different by the stored threshold.</summary>
public sealed class CompareCommand : Command<CompareSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        var bundle = ModelBundle.Load(settings.Model);
        double score;
        if (bundle.Config.Tokenizer is not null)
        {
            // A text model: the two arguments are the texts themselves (the first through the first branch).
            var tokenizer = CommandSupport.RequireTextModel(bundle);
            CommandSupport.RefuseImageFilesAsTexts([settings.First, settings.Second], settings.Model);
            score = new Siamese.Evaluation.Evaluators.ModelTextScorer(bundle.Network, tokenizer).ScorePairs([settings.First], [settings.Second])[0];
        }
        else
        {
            var input = bundle.Config.Input;
            var images = LabeledImageSet.FromImageFiles([settings.First, settings.Second], input.Channels, input.Height, input.Width);
            using (NewDisposeScope())
            {
                var batch = images.ToTensor(input.Normalization);
                score = bundle.Network.Compare(batch.narrow(0, 0, 1), batch.narrow(0, 1, 1)).item<float>();
            }
        }

        var distance = bundle.Network.Distance;
        var threshold = bundle.Config.Threshold;
        string verdict = threshold is null
            ? "[yellow]unknown[/] (the model has no calibrated threshold)"
            : threshold.IsSame(score) ? "[green]same[/]" : "[red]different[/]";
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
