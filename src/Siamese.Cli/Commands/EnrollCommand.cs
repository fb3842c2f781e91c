using Siamese.Gallery;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese enroll</c>: image files → embeddings stored in a gallery under one label.</summary>
public sealed class EnrollCommand : Command<EnrollSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EnrollSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        string gallery = settings.Gallery!;
        string label = settings.Label!;
        var bundle = ModelBundle.Load(settings.Model);
        var identity = GalleryIdentity.Of(bundle);
        bool exists = File.Exists(gallery);
        if (settings.New && exists && !settings.Force)
        {
            throw new IOException($"{gallery}: already exists; use --new --force to replace it, or leave out --new to append");
        }

        // An existing gallery is checked before any image is embedded: another model's gallery is refused untouched.
        GalleryStore? store = exists && !settings.New ? GalleryStore.Open(gallery, identity, readOnly: false) : null;
        try
        {
            float[][] embeddings;
            using (NewDisposeScope())
            {
                embeddings = CommandSupport.Rows(CommandSupport.EmbedImageFiles(bundle, settings.Images));
            }

            bool created = store is null;
            store ??= GalleryStore.Create(gallery, identity, overwrite: settings.New && settings.Force);
            store.Add(label, embeddings, settings.Images);
            var labels = store.Labels();
            int forLabel = labels.First(l => l.Label == label).Count;
            AnsiConsole.MarkupLine(
                $"Stored {CommandSupport.Count(embeddings.Length, "embedding", "embeddings")} of [bold]{Markup.Escape(label)}[/] in {(created ? "new gallery " : "")}[bold]{Markup.Escape(gallery)}[/] "
                + $"({forLabel} for this label; {CommandSupport.Count(labels.Sum(l => l.Count), "entry", "entries")}, "
                + $"{CommandSupport.Count(labels.Count, "label", "labels")} in all).");
            return 0;
        }
        finally
        {
            store?.Dispose();
        }
    }
}
