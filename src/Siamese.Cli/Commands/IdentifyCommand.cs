using System.Globalization;
using System.Text;
using Siamese.Data;
using Siamese.Gallery;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese identify</c>: image files → the closest enrolled labels and the answer, or unknown.</summary>
public sealed class IdentifyCommand : Command<IdentifySettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, IdentifySettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        if (settings.Output is not null)
        {
            CommandSupport.EnsureWritable(settings.Output, settings.Force);
        }

        var bundle = ModelBundle.Load(settings.Model);
        double threshold = CommandSupport.GalleryThreshold(settings.Threshold, bundle, settings.Model);
        var search = CommandSupport.LoadGallery(settings.Gallery!, bundle);
        GalleryIdentification[] results;
        using (NewDisposeScope())
        {
            results = search.Identify(CommandSupport.EmbedInputs(bundle, settings.Images, settings.Model), settings.Top, threshold);
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("image", "decision", $"closest labels ({bundle.Network.Distance.Name})");
        for (int i = 0; i < results.Length; i++)
        {
            string decision = results[i].Label is { } label ? $"[green]{Markup.Escape(label)}[/]" : $"[yellow]{CommandSupport.UnknownLabel}[/]";
            string candidates = string.Join("  ", results[i].Candidates.Select(c => $"{Markup.Escape(c.Label)} {c.Score:G4}"));
            table.AddRow(Markup.Escape(settings.Images[i]), decision, candidates);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"threshold {Markup.Escape(CommandSupport.DescribeThreshold(threshold, settings.Threshold is not null, bundle))}; "
            + $"gallery {CommandSupport.Count(search.Entries.Count, "entry", "entries")}, {CommandSupport.Count(search.Labels.Count, "label", "labels")}");
        if (settings.Output is not null)
        {
            WriteTsv(settings.Output, settings.Images, results, settings.Top);
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(settings.Output)}[/].");
        }

        return 0;
    }

    private static void WriteTsv(string path, IReadOnlyList<string> sources, GalleryIdentification[] results, int top)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write("source\tdecision");
            for (int j = 1; j <= top; j++)
            {
                writer.Write($"\tlabel{j}\tscore{j}");
            }

            writer.WriteLine();
            for (int i = 0; i < results.Length; i++)
            {
                writer.Write(sources[i].Replace('\t', ' '));
                writer.Write('\t');
                writer.Write(results[i].Label ?? CommandSupport.UnknownLabel);
                for (int j = 0; j < top; j++)
                {
                    var candidate = j < results[i].Candidates.Count ? results[i].Candidates[j] : null;
                    writer.Write('\t');
                    writer.Write(candidate?.Label ?? "");
                    writer.Write('\t');
                    writer.Write(candidate?.Score.ToString("R", CultureInfo.InvariantCulture) ?? "");
                }

                writer.WriteLine();
            }
        });
    }
}
