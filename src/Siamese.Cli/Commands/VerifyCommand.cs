using Siamese.Gallery;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary>
/// <c>siamese verify</c>: one image and a claimed label → accept or reject. Both answers exit with 0; only bad input
/// (missing files, a label that is not enrolled, another model's gallery) exits with 2.
/// </summary>
public sealed class VerifyCommand : Command<VerifySettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        string gallery = settings.Gallery!;
        string label = settings.Label!;
        var bundle = ModelBundle.Load(settings.Model);
        double threshold = CommandSupport.GalleryThreshold(settings.Threshold, bundle, settings.Model);
        var search = CommandSupport.LoadGallery(gallery, bundle);
        if (!search.Contains(label))
        {
            throw new GalleryException(gallery, $"no entries are labelled '{label}' ('siamese gallery list --gallery {gallery}' shows the labels)");
        }

        GalleryVerification result;
        using (NewDisposeScope())
        {
            result = search.Verify(CommandSupport.EmbedInputs(bundle, [settings.Image], settings.Model), label, threshold)[0];
        }

        int entryCount = search.Entries.Labels.Count(l => l == label);
        var distance = bundle.Network.Distance;
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumns("", "");
        table.AddRow("image", Markup.Escape(settings.Image));
        table.AddRow("label", $"{Markup.Escape(label)} ({CommandSupport.Count(entryCount, "enrolled entry", "enrolled entries")})");
        table.AddRow(distance.Name, $"{result.Score:G6} to the closest entry ({(distance.LargerIsCloser ? "larger" : "smaller")} is closer)");
        table.AddRow("threshold", Markup.Escape(CommandSupport.DescribeThreshold(threshold, settings.Threshold is not null, bundle)));
        table.AddRow("verdict", result.Accepted ? "[green]accept[/]" : "[red]reject[/]");
        AnsiConsole.Write(table);
        return 0;
    }
}
