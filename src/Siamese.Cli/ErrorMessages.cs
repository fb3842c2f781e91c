using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Siamese.Cli;

/// <summary>
/// Turns a failure into the one line the user reads: the command-line parser's terse messages get the option and the
/// verb they are about, .NET's parameter names are dropped, and control characters and overlong text (a file's
/// content or a 50 MB path) are escaped and cut.
/// </summary>
internal static partial class ErrorMessages
{
    /// <summary>Longest message printed; the rest is cut with an ellipsis.</summary>
    public const int MaxLength = 400;

    /// <summary>The message of <paramref name="error"/> for a run of <paramref name="args"/>, made one safe line.</summary>
    /// <param name="error">What failed.</param>
    /// <param name="args">The command line.</param>
    /// <param name="verbs">Each verb ("train", "gallery list") with its settings type, to name options and their kinds.</param>
    public static string For(Exception error, IReadOnlyList<string> args, IReadOnlyDictionary<string, Type> verbs)
    {
        string message = error switch
        {
            CommandParseException or CommandRuntimeException => Parser(error.Message, args, verbs),
            ArgumentException { ParamName: { } name } argument => argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
            _ => error.Message,
        };
        // Escaped whole rather than cut at the first line break: a file name may hold one.
        return Sanitize(message.Trim());
    }

    /// <summary>
    /// <paramref name="text"/> with control characters (and those that reorder a terminal's text) escaped and cut after
    /// <see cref="MaxLength"/> characters, by the same rule as file content in the readers' messages.
    /// </summary>
    public static string Sanitize(string text) => Siamese.Data.MessageText.Excerpt(text, MaxLength);

    private static string Parser(string message, IReadOnlyList<string> args, IReadOnlyDictionary<string, Type> verbs)
    {
        var (verb, settings) = VerbOf(args, verbs);
        string help = verb is null ? "see 'siamese --help'" : $"see 'siamese {verb} --help'";
        if (UnknownOption().Match(message) is { Success: true } unknown)
        {
            string name = unknown.Groups[1].Value;
            string dashes = name.Length == 1 ? "-" : "--";
            string? near = settings is null ? null : Closest(name, LongNames(settings).Select(o => o.Name));
            return $"{dashes}{name}: unknown option{(verb is null ? "" : $" of 'siamese {verb}'")}" +
                $"{(near is null ? "" : $" (did you mean --{near}?)")}; {help}";
        }

        if (UnknownCommand().Match(message) is { Success: true } command)
        {
            string name = command.Groups[1].Value;
            if (verb is not null)
            {
                return $"'{name}': siamese {verb} takes no such argument (options start with --); {help}";
            }

            // Inside a branch ("gallery lst") the candidates are the branch's own verbs.
            string branch = args.Count >= 2 && args[1] == name ? args[0] + " " : "";
            var candidates = verbs.Keys.Where(v => v.StartsWith(branch, StringComparison.Ordinal)).Select(v => v[branch.Length..].Split(' ')[0]);
            string? near = Closest(name, candidates.Distinct());
            return $"'{name}': unknown command{(near is null ? "" : $" (did you mean {branch}{near}?)")}; see 'siamese {branch}--help'";
        }

        if (FailedConversion().Match(message) is { Success: true } conversion && settings is not null)
        {
            return Conversion(conversion.Groups[1].Value, args, settings) is { } explained ? $"{explained}; {help}" : $"{message}; {help}";
        }

        if (message.StartsWith("Flags cannot be assigned a value", StringComparison.Ordinal))
        {
            string? flag = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='));
            return $"{(flag is null ? "a flag" : flag.Split('=')[0])} is a switch and takes no value; {help}";
        }

        return $"{message.TrimEnd('.')}; {help}";
    }

    /// <summary>Which option a failed conversion of <paramref name="value"/> was about, and what it expected.</summary>
    private static string? Conversion(string value, IReadOnlyList<string> args, Type settings)
    {
        var options = LongNames(settings).ToDictionary(o => o.Name, o => o.Type);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            string name = arg[2..].Split('=')[0];
            if (!options.TryGetValue(name, out var declared))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            if (type == typeof(bool))
            {
                continue;
            }

            bool inline = arg.Contains('=');
            string? given = inline ? arg[(arg.IndexOf('=') + 1)..] : i + 1 < args.Count ? args[i + 1] : null;

            if (given is null || (!inline && given.StartsWith("--", StringComparison.Ordinal)))
            {
                return $"--{name} needs a value ({Kind(type)})";
            }

            if (given == value)
            {
                bool tooLarge = type == typeof(int) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long big)
                    && big is > int.MaxValue or < int.MinValue;
                return $"--{name}: expected {Kind(type)}, got '{value}'{(tooLarge ? $" (the largest is {int.MaxValue})" : "")}";
            }
        }

        return null;
    }

    private static string Kind(Type type) => type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(float) ? "a number such as 0.5 or 1e-3"
        : "a value";

    private static (string? Verb, Type? Settings) VerbOf(IReadOnlyList<string> args, IReadOnlyDictionary<string, Type> verbs)
    {
        string? two = args.Count >= 2 ? $"{args[0]} {args[1]}" : null;
        if (two is not null && verbs.TryGetValue(two, out var branch))
        {
            return (two, branch);
        }

        return args.Count >= 1 && verbs.TryGetValue(args[0], out var settings) ? (args[0], settings) : (null, null);
    }

    private static IEnumerable<(string Name, Type Type)> LongNames(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Option: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(p => p.Option is not null)
            .SelectMany(p => p.Option!.LongNames.Select(n => (n, p.Property.PropertyType)));

    /// <summary>The candidate nearest to <paramref name="name"/> by edit distance, if it is near enough to be a typo.</summary>
    private static string? Closest(string name, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (Candidate: c, Distance: EditDistance(name, c))).OrderBy(c => c.Distance).FirstOrDefault();
        int allowed = name.Length >= 4 ? Math.Max(2, name.Length / 3) : 1;
        return best.Candidate is not null && best.Distance <= allowed ? best.Candidate : null;
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex("^Unknown option '(.+)'\\.?$")]
    private static partial Regex UnknownOption();

    [GeneratedRegex("^Unknown command '(.+)'\\.?$")]
    private static partial Regex UnknownCommand();

    [GeneratedRegex("^Failed to convert '(.*)' to ")]
    private static partial Regex FailedConversion();
}
