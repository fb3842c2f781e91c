using Siamese.Gallery;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese gallery remove</c>: deletes every entry of one label.</summary>
public sealed class GalleryRemoveCommand : Command<GalleryRemoveSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, GalleryRemoveSettings settings, CancellationToken cancellationToken)
    {
        string gallery = settings.Gallery!;
        string label = settings.Label!;
        using var store = GalleryStore.Open(gallery, readOnly: false);
        int removed = store.Remove(label);
        if (removed == 0)
        {
            throw new GalleryException(gallery, $"no entries are labelled '{label}'; nothing was removed");
        }

        AnsiConsole.MarkupLine($"Removed {CommandSupport.Count(removed, "entry", "entries")} of [bold]{Markup.Escape(label)}[/]; "
            + $"[bold]{Markup.Escape(gallery)}[/] now holds {CommandSupport.Count(store.Count, "entry", "entries")}.");
        return 0;
    }
}
