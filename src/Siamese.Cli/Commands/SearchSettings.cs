using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese search</c>.</summary>
public sealed class SearchSettings : ModelSettings
{
    /// <summary>Queries: texts, or image files for an image model.</summary>
    [CommandArgument(0, "[QUERIES]")]
    [Description("Queries (or --queries FILE): texts for a text model, image files for an image model (what the model's first side reads).")]
    public string[] Queries { get; init; } = [];

    /// <summary>File of queries.</summary>
    [CommandOption("--queries <FILE>")]
    [Description("Queries, one per line (UTF-8): texts, or image file paths (relative to the working folder) for an image model.")]
    public string? QueryFile { get; init; }

    /// <summary>File of candidates.</summary>
    [CommandOption("--candidates <FILE>")]
    [Description("Candidates, one per line (UTF-8): texts, or image file paths (relative to the working folder) for an image model; each query is matched against all of them.")]
    public string? Candidates { get; init; }

    /// <summary>Hits per query.</summary>
    [CommandOption("-k|--top <K>")]
    [Description("Closest candidates to show per query.")]
    [DefaultValue(5)]
    public int Top { get; init; } = 5;

    /// <summary>TSV output.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Also write query, rank, score, candidate as TSV to this file.")]
    public string? Output { get; init; }

    /// <summary>Replace an existing output file.</summary>
    [CommandOption("--force")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Candidates))
        {
            return ValidationResult.Error("--candidates is required: the file of candidates (texts, or image file paths for an image model), one per line");
        }

        if ((Queries.Length == 0) == (QueryFile is null))
        {
            return ValidationResult.Error("give the queries as arguments or --queries FILE, not both and not neither");
        }

        if (Queries.Any(string.IsNullOrWhiteSpace))
        {
            return ValidationResult.Error("a query is empty");
        }

        return Top < 1 ? ValidationResult.Error($"--top must be at least 1 (got {Top})") : base.Validate();
    }
}
