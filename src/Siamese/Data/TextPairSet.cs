
namespace Siamese.Data;

/// <summary>
/// The pairs of a text pair file arranged for training and evaluation: the distinct texts of each side (in order of
/// first appearance), each pair as an index into each side's texts, and each pair's target — 1 (same) or 0
/// (different) for binary labels, the rescaled score in [0, 1] for graded ones. Item indices (as a
/// <c>TwoSidedInputSource</c> numbers them) put the first side's texts first and the second
/// side's after them.
/// </summary>
public sealed class TextPairSet
{
    private TextPairSet(IReadOnlyList<TextPair> pairs, string[] first, string[] second, int[] left, int[] right, float[] targets, bool graded)
    {
        Pairs = pairs;
        FirstTexts = first;
        SecondTexts = second;
        Left = left;
        Right = right;
        Targets = targets;
        IsGraded = graded;
    }

    /// <summary>The pairs as read.</summary>
    public IReadOnlyList<TextPair> Pairs { get; }

    /// <summary>Distinct texts of the first side.</summary>
    public IReadOnlyList<string> FirstTexts { get; }

    /// <summary>Distinct texts of the second side.</summary>
    public IReadOnlyList<string> SecondTexts { get; }

    /// <summary>Index into <see cref="FirstTexts"/> of each pair's first text.</summary>
    public int[] Left { get; }

    /// <summary>Index into <see cref="SecondTexts"/> of each pair's second text.</summary>
    public int[] Right { get; }

    /// <summary>Each pair's target in [0, 1]: 1 same / 0 different, or the rescaled graded score.</summary>
    public float[] Targets { get; }

    /// <summary>Whether the labels are graded scores (otherwise binary same/different).</summary>
    public bool IsGraded { get; }

    /// <summary>Number of pairs.</summary>
    public int Count => Left.Length;

    /// <summary>Number of pairs that count as same (see <see cref="IsSame"/>).</summary>
    public int PositiveCount => Targets.Count(IsSameTarget);

    /// <summary>Arranges the pairs read from a file; all of them binary or all graded.</summary>
    /// <exception cref="ArgumentException">No pairs, or binary and graded pairs mixed.</exception>
    public static TextPairSet FromPairs(IReadOnlyList<TextPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("the pair set is empty", nameof(pairs));
        }

        bool graded = pairs[0].Score is not null;
        if (pairs.Any(p => (p.Score is not null) != graded))
        {
            throw new ArgumentException("a pair set holds either binary or graded pairs, not both", nameof(pairs));
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var secondIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new List<string>();
        var second = new List<string>();
        var left = new int[pairs.Count];
        var right = new int[pairs.Count];
        var targets = new float[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            left[i] = IndexOf(firstIndex, first, pairs[i].Text1);
            right[i] = IndexOf(secondIndex, second, pairs[i].Text2);
            targets[i] = graded ? (float)pairs[i].Score!.Value : pairs[i].Relation == PairRelation.Same ? 1f : 0f;
        }

        return new TextPairSet(pairs, [.. first], [.. second], left, right, targets, graded);
    }

    /// <summary>
    /// Per pair, whether it counts as same: labelled same (binary), or a target of at least 0.5 (graded). The one
    /// place this rule is stated; <see cref="Relations"/>, <see cref="PositiveCount"/> and the evaluation of text
    /// pairs all follow it.
    /// </summary>
    public bool[] IsSame() => Array.ConvertAll(Targets, IsSameTarget);

    /// <summary>Pair relations: <see cref="PairRelation.Same"/> where <see cref="IsSame"/> holds, otherwise <see cref="PairRelation.Different"/>.</summary>
    public PairRelation[] Relations() => Array.ConvertAll(IsSame(), same => same ? PairRelation.Same : PairRelation.Different);

    private static bool IsSameTarget(float target) => target >= 0.5f;

    private static int IndexOf(Dictionary<string, int> index, List<string> texts, string text)
    {
        if (!index.TryGetValue(text, out int i))
        {
            i = texts.Count;
            index[text] = i;
            texts.Add(text);
        }

        return i;
    }
}
