namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Two lists of texts as a scorer has embedded (or vectorised) them, each text once: any pairs or blocks over them
/// are scored from these without embedding again. A snapshot: changing the lists afterwards changes nothing here.
/// </summary>
public interface ITextPairScores
{
    /// <summary>How many first-side texts there are.</summary>
    int FirstCount { get; }

    /// <summary>How many second-side texts there are.</summary>
    int SecondCount { get; }

    /// <summary>Scores each pair k: first text <paramref name="left"/>[k] against second text <paramref name="right"/>[k].</summary>
    /// <returns>One score per pair, in the order of <paramref name="left"/>.</returns>
    /// <exception cref="ArgumentException">The index lists differ in length, or an index is outside its list.</exception>
    float[] ScorePairs(IReadOnlyList<int> left, IReadOnlyList<int> right);

    /// <summary>Scores chosen first texts (rows) against chosen second texts (columns): <c>result[i, j]</c>.</summary>
    /// <exception cref="ArgumentException">An index is outside its list.</exception>
    float[,] Score(IReadOnlyList<int> rows, IReadOnlyList<int> columns);
}
