using System.Globalization;

namespace Siamese.Data;

/// <summary>
/// Reads class lists as typed on the command line (<c>--train-classes</c>, <c>--test-classes</c>): comma-separated
/// entries, each a class name (any case), a class number, or a range of numbers <c>a-b</c> (inclusive). A name that
/// exists is always read as a name, so classes named "3" or "x-y" keep working.
/// </summary>
public static class ClassSelection
{
    /// <summary>The class numbers (indices into <paramref name="classNames"/>) that <paramref name="text"/> lists, ascending and distinct.</summary>
    /// <param name="text">The list, e.g. "0-5", "shirt,coat" or "alphabet1/char03".</param>
    /// <param name="classNames">Name of each class number.</param>
    /// <param name="option">The option being read, for error messages (e.g. "--train-classes").</param>
    /// <exception cref="ArgumentException">An entry names no class, a number or range is out of bounds, or the list is empty.</exception>
    public static int[] Parse(string text, IReadOnlyList<string> classNames, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(classNames);
        var chosen = new SortedSet<int>();
        foreach (string entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int named = IndexOfName(classNames, entry);
            if (named >= 0)
            {
                chosen.Add(named);
                continue;
            }

            int dash = entry.IndexOf('-', 1);
            if (dash > 0 && Number(entry[..dash]) is int from && Number(entry[(dash + 1)..]) is int to)
            {
                if (from > to || to >= classNames.Count)
                {
                    throw new ArgumentException($"{option}: range '{entry}' must run upwards within class numbers 0 to {classNames.Count - 1}");
                }

                for (int c = from; c <= to; c++)
                {
                    chosen.Add(c);
                }

                continue;
            }

            if (Number(entry) is int number && number < classNames.Count)
            {
                chosen.Add(number);
                continue;
            }

            throw new ArgumentException($"{option}: '{entry}' is not a class name or number (classes: {Describe(classNames)})");
        }

        return chosen.Count > 0 ? chosen.ToArray() : throw new ArgumentException($"{option}: the class list is empty");
    }

    /// <summary>"0 T-shirt/top, 1 Trouser, …" for messages, at most 12 classes shown.</summary>
    public static string Describe(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var shown = classNames.Take(12).Select((name, i) => $"{i} {name}");
        return string.Join(", ", shown) + (classNames.Count > 12 ? $", … ({classNames.Count} in all)" : "");
    }

    private static int IndexOfName(IReadOnlyList<string> names, string entry)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], entry, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
