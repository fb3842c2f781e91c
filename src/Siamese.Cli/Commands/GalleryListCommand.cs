using System.Globalization;
using Siamese.Gallery;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese gallery list</c>: the model a gallery serves and its labels with their counts.</summary>
public sealed class GalleryListCommand : Command<GalleryListSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, GalleryListSettings settings, CancellationToken cancellationToken)
    {
        using var store = GalleryStore.Open(settings.Gallery!, readOnly: true);
        var labels = store.Labels();
        var about = new Table().Border(TableBorder.Rounded).HideHeaders();
        about.AddColumns("", "");
        about.AddRow("gallery", Markup.Escape(store.Path));
        about.AddRow("model fingerprint", store.Identity.ModelFingerprint);
        about.AddRow("embedding dimension", store.Identity.EmbeddingDimension.ToString(CultureInfo.InvariantCulture));
        about.AddRow("distance", Markup.Escape(store.Identity.Distance));
        about.AddRow("created", store.Created.ToString("u", CultureInfo.InvariantCulture));
        about.AddRow("schema version", store.SchemaVersion.ToString(CultureInfo.InvariantCulture));
        about.AddRow("entries", $"{labels.Sum(l => l.Count)} in {CommandSupport.Count(labels.Count, "label", "labels")}");
        AnsiConsole.Write(about);
        if (labels.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("label");
            table.AddColumn(new TableColumn("entries").RightAligned());
            foreach (var label in labels)
            {
                table.AddRow(Markup.Escape(label.Label), label.Count.ToString(CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
        }

        return 0;
    }
}
