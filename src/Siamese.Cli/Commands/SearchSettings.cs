using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese search</c>.</summary>
public sealed class SearchSettings : ModelSettings
{
    /// <summary>Query texts.</summary>
    [CommandArgument(0, "[QUERIES]")]
    [Description("Query texts (or --queries FILE).")]
    public string[] Queries { get; init; } = [];

    /// <summary>File of query texts.</summary>
    [CommandOption("--queries <FILE>")]
    [Description("Query texts, one per line (UTF-8).")]
    public string? QueryFile { get; init; }

    /// <summary>File of candidate texts.</summary>
    [CommandOption("--candidates <FILE>")]
    [Description("Candidate texts, one per line (UTF-8); each query is matched against all of them.")]
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
            return ValidationResult.Error("--candidates is required: the file of candidate texts, one per line");
        }

        if ((Queries.Length == 0) == (QueryFile is null))
        {
            return ValidationResult.Error("give the queries as arguments or --queries FILE, not both and not neither");
        }

        if (Queries.Any(string.IsNullOrWhiteSpace))
        {
            return ValidationResult.Error("a query text is empty");
        }

        return Top < 1 ? ValidationResult.Error($"--top must be at least 1 (got {Top})") : base.Validate();
    }
}
