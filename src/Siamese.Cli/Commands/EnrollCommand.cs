using Siamese.Gallery;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary>
/// <c>siamese enroll</c>: inputs (image files, or texts for a text model) → embeddings stored in a gallery under one
/// label. The inputs are embedded before
/// the gallery is written, and the batch is stored in one transaction (a new gallery appears holding it, or not at
/// all), so a failed enrollment changes and creates nothing.
/// </summary>
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
        if (settings.New && File.Exists(gallery) && !settings.Force)
        {
            throw new IOException($"{gallery}: already exists; use --new --force to replace it, or leave out --new to append");
        }

        // An existing gallery (or a folder in its place) is checked before any image is embedded: another model's, one
        // holding code, or one with damaged entries is refused untouched.
        if (!settings.New && (File.Exists(gallery) || Directory.Exists(gallery)))
        {
            using var existing = GalleryStore.Open(gallery, identity, readOnly: true);
            existing.Labels();
        }

        float[][] embeddings;
        using (NewDisposeScope())
        {
            embeddings = CommandSupport.Rows(CommandSupport.EmbedInputs(bundle, settings.Images, settings.Model));
        }

        RequireFinite(embeddings, settings.Images, settings.Model);
        bool created = settings.New;
        using var store = settings.New
            ? GalleryStore.Create(gallery, identity, overwrite: settings.Force, label, embeddings, settings.Images)
            : GalleryStore.AddOrCreate(gallery, identity, label, embeddings, settings.Images, out created);

        // Other processes may enroll or remove between the write and this summary; it reports the gallery as it is now.
        var labels = store.Labels();
        int forLabel = labels.FirstOrDefault(l => l.Label == label)?.Count ?? 0;
        AnsiConsole.MarkupLine(
            $"Stored {CommandSupport.Count(embeddings.Length, "embedding", "embeddings")} of [bold]{Markup.Escape(label)}[/] in {(created ? "new gallery " : "")}[bold]{Markup.Escape(gallery)}[/] "
            + $"({forLabel} for this label; {CommandSupport.Count(labels.Sum(l => l.Count), "entry", "entries")}, "
            + $"{CommandSupport.Count(labels.Count, "label", "labels")} in all).");
        return 0;
    }

    private static void RequireFinite(float[][] embeddings, IReadOnlyList<string> images, string model)
    {
        for (int i = 0; i < embeddings.Length; i++)
        {
            if (!embeddings[i].All(float.IsFinite))
            {
                throw new ArgumentException(
                    $"{images[i]}: the model {model} gives it a non-finite embedding (NaN or infinity; its weights may be damaged); nothing was enrolled");
            }
        }
    }
}
