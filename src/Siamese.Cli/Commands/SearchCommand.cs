using System.Globalization;
using System.Text;
using Siamese.Data;
using Siamese.Gallery;
using Siamese.Models;
using Siamese.Persistence;
using Siamese.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese search</c>: the closest candidates of each query under a model (texts for a text model, image files for an image model).</summary>
public sealed class SearchCommand : Command<SearchSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        if (settings.Output is not null)
        {
            CommandSupport.EnsureWritable(settings.Output, settings.Force);
        }

        using var model = SiameseModel.Load(settings.Model);
        var bundle = model.Bundle;
        var candidates = TextListFile.Read(settings.Candidates!);
        IReadOnlyList<string> queries = settings.QueryFile is { } file ? TextListFile.Read(file) : settings.Queries;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var search = model.Search(candidates);
        var hits = search.Search(queries, settings.Top);
        double seconds = clock.Elapsed.TotalSeconds;
        var distance = bundle.Network.Distance;
        var threshold = bundle.Config.Threshold;
        for (int q = 0; q < queries.Count && q < 20; q++)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Shorten(queries[q], 70)));
            table.AddColumns("rank", distance.Name, "same?", "candidate");
            foreach (var hit in hits[q])
            {
                string same = threshold is null ? "?" : threshold.IsSame(hit.Score) ? "[green]yes[/]" : "[grey]no[/]";
                table.AddRow(hit.Rank.ToString(CultureInfo.InvariantCulture), hit.Score.ToString("F4", CultureInfo.InvariantCulture), same, Markup.Escape(Shorten(hit.Input, 90)));
            }

            AnsiConsole.Write(table);
        }

        if (queries.Count > 20)
        {
            AnsiConsole.MarkupLine($"({queries.Count - 20} more queries not shown{(settings.Output is null ? "; write them all with --output" : "")})");
        }

        if (settings.Output is { } output)
        {
            AtomicFile.Write(output, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                writer.WriteLine($"query\trank\t{distance.Name}\tsame\tcandidate");
                for (int q = 0; q < queries.Count; q++)
                {
                    foreach (var hit in hits[q])
                    {
                        string same = threshold is null ? "" : threshold.IsSame(hit.Score) ? "yes" : "no";
                        writer.WriteLine($"{EmbedCommand.OneLine(queries[q])}\t{hit.Rank}\t{hit.Score.ToString("R", CultureInfo.InvariantCulture)}\t{same}\t{EmbedCommand.OneLine(hit.Input)}");
                    }
                }
            });
            AnsiConsole.MarkupLine($"Wrote the top {Math.Min(settings.Top, candidates.Count)} of {queries.Count} queries to [bold]{Markup.Escape(output)}[/].");
        }

        AnsiConsole.MarkupLine($"{queries.Count} queries against {candidates.Count} candidates in {seconds:F2} s ({(queries.Count + candidates.Count) / Math.Max(1e-9, seconds):F0} texts embedded/s); {distance.Name}, {(distance.LargerIsCloser ? "larger" : "smaller")} is closer{(threshold is null ? "" : $"; 'same' by the calibrated threshold {threshold.Value:G4}")}.");
        return 0;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
