namespace Siamese.Data;

/// <summary>
/// A label column holding named values, each stated by the user as meaning <see cref="PairRelation.Same"/> or
/// <see cref="PairRelation.Different"/>; for example same = <c>1, duplicate</c> and different = <c>0, different</c>.
/// Values are compared without regard to letter case, after trimming surrounding white space. Any other value in
/// the file is an error.
/// </summary>
public sealed class TextPairBinaryLabels : TextPairLabels
{
    private readonly Dictionary<string, PairRelation> relations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the mapping.</summary>
    /// <param name="sameValues">The label values that mean the two texts belong together (at least one).</param>
    /// <param name="differentValues">The label values that mean the two texts do not belong together (at least one).</param>
    /// <exception cref="ArgumentException">
    /// A list is empty, a value is empty or white space, or a value appears in both lists (in any letter case).
    /// </exception>
    public TextPairBinaryLabels(IEnumerable<string> sameValues, IEnumerable<string> differentValues)
    {
        ArgumentNullException.ThrowIfNull(sameValues);
        ArgumentNullException.ThrowIfNull(differentValues);
        SameValues = Add(sameValues, PairRelation.Same, nameof(sameValues));
        DifferentValues = Add(differentValues, PairRelation.Different, nameof(differentValues));
    }

    /// <summary>The label values meaning <see cref="PairRelation.Same"/>, trimmed, as given.</summary>
    public IReadOnlyList<string> SameValues { get; }

    /// <summary>The label values meaning <see cref="PairRelation.Different"/>, trimmed, as given.</summary>
    public IReadOnlyList<string> DifferentValues { get; }

    /// <summary>The relation that <paramref name="value"/> stands for (case-insensitive, trimmed), or null when it is in neither list.</summary>
    public PairRelation? Find(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return relations.TryGetValue(value.Trim(), out PairRelation relation) ? relation : null;
    }

    /// <summary>The mapping as text, e.g. <c>same = '1', 'duplicate'; different = '0'</c>.</summary>
    public override string ToString() => $"same = {Quote(SameValues)}; different = {Quote(DifferentValues)}";

    /// <inheritdoc/>
    internal override TextPair ToPair(string text1, string text2, string value, string column, string path, int lineNumber)
    {
        if (Find(value) is not { } relation)
        {
            string found = value.Length == 0 ? "an empty field" : MessageText.Quote(value);
            throw new DataFormatException(
                path,
                lineNumber,
                $"{column}: expected {Expected}, found {found}");
        }

        return TextPair.WithRelation(text1, text2, relation, lineNumber);
    }

    /// <inheritdoc/>
    internal override string Expected => $"a same label ({Quote(SameValues)}) or a different label ({Quote(DifferentValues)})";

    /// <inheritdoc/>
    internal override bool Accepts(string value) => Find(value) is not null;

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(MessageText.Quote));

    private string[] Add(IEnumerable<string> values, PairRelation relation, string parameter)
    {
        var added = new List<string>();
        foreach (string raw in values)
        {
            string value = raw?.Trim() ?? "";
            if (value.Length == 0)
            {
                throw new ArgumentException("a label value is empty", parameter);
            }

            if (relations.TryGetValue(value, out PairRelation existing))
            {
                if (existing != relation)
                {
                    throw new ArgumentException($"label value '{value}' is listed as both same and different", parameter);
                }

                continue;
            }

            relations.Add(value, relation);
            added.Add(value);
        }

        if (added.Count == 0)
        {
            throw new ArgumentException($"at least one label value meaning {relation.ToString().ToLowerInvariant()} is needed", parameter);
        }

        return added.ToArray();
    }
}
