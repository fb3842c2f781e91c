using System.Globalization;

namespace Siamese.Experiments;

/// <summary>"--name value" options of one command, read once each; unknown names are errors.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public Options(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (pending is null)
            {
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"unexpected argument '{arg}'; options are --name value");
                }

                pending = arg;
            }
            else
            {
                values[pending] = arg;
                pending = null;
            }
        }

        if (pending is not null)
        {
            throw new ArgumentException($"{pending} needs a value");
        }
    }

    public string? Text(string name)
    {
        used.Add(name);
        return values.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback, int minimum = 1)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
        {
            throw new ArgumentException($"{name} must be a whole number of at least {minimum}, not '{text}'");
        }

        return value;
    }

    public double Double(string name, double fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"{name} must be a number of at least 0, not '{text}'");
        }

        return value;
    }

    public IReadOnlyList<string> List(string name, IReadOnlyList<string> fallback)
    {
        var text = Text(name);
        return text is null ? fallback : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Throws naming the first option no command asked for.</summary>
    public void RejectUnused()
    {
        var unknown = values.Keys.FirstOrDefault(k => !used.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"unknown option {unknown}");
        }
    }
}
