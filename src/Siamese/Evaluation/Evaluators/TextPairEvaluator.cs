using System.Runtime.CompilerServices;
using Siamese.Calibration;
using Siamese.Data;
using Siamese.Evaluation.Metrics;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Measures a text pair scorer (a model or a baseline) on labelled pairs by one set of rules: correlation with graded
/// targets (Pearson, Spearman); ROC AUC, EER and accuracy/F1 at a calibrated threshold for binary labels; and
/// matching — each positive pair's first text ranked against every distinct second text of the positive pairs
/// (P@1, MRR), with the query's other correct partners left out of its candidates.
/// </summary>
public static class TextPairEvaluator
{
    private const int QueryChunk = 512;

    /// <summary>Scores and measures <paramref name="set"/> with <paramref name="scorer"/>.</summary>
    /// <param name="set">The labelled pairs.</param>
    /// <param name="scorer">What scores them.</param>
    /// <param name="threshold">A threshold calibrated on validation pairs for the accuracy/F1 figures, or null.</param>
    /// <param name="maxQueries">At most this many positive pairs become matching queries (a seeded sample); 0 skips matching.</param>
    /// <param name="seed">Seed of the query sample.</param>
    public static TextPairReport Evaluate(TextPairSet set, ITextPairScorer scorer, DecisionThreshold? threshold = null, int maxQueries = 2000, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueries);
        var prepared = scorer.Prepare(set.FirstTexts, set.SecondTexts);
        float[] scores = prepared.ScorePairs(set.Left, set.Right);
        bool[] isSame = set.IsSame();
        CorrelationReport? correlation = set.IsGraded
            ? CorrelationMetrics.Compute(Array.ConvertAll(scores, s => (double)s), Array.ConvertAll(set.Targets, t => (double)t))
            : null;
        bool bothClasses = isSame.Contains(true) && isSame.Contains(false);
        VerificationReport? verification = !set.IsGraded && bothClasses
            ? VerificationMetrics.Evaluate(scores, isSame, scorer.LargerIsCloser)
            : null;
        double? accuracy = null, f1 = null;
        if (threshold is not null && !set.IsGraded)
        {
            (accuracy, f1) = VerificationMetrics.AtThreshold(scores, isSame, threshold);
        }

        return new TextPairReport
        {
            Method = scorer.Name,
            PairCount = set.Count,
            PositiveCount = isSame.Count(s => s),
            IsGraded = set.IsGraded,
            Correlation = correlation,
            Verification = verification,
            Threshold = threshold?.Value,
            ThresholdAccuracy = accuracy,
            ThresholdF1 = f1,
            Matching = maxQueries > 0 && isSame.Contains(true) ? Match(set, isSame, prepared, scorer.LargerIsCloser, maxQueries, seed) : null,
        };
    }

    /// <summary>
    /// Each pair's score under <paramref name="scorer"/>, in the set's order, scored over the set's distinct texts so
    /// that a text in many pairs is embedded once.
    /// </summary>
    public static float[] ScorePairs(TextPairSet set, ITextPairScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(scorer);
        return scorer.Prepare(set.FirstTexts, set.SecondTexts).ScorePairs(set.Left, set.Right);
    }

    /// <summary>
    /// A decision threshold for <paramref name="scorer"/> calibrated on <paramref name="validation"/> pairs
    /// (same as <see cref="TextPairSet.IsSame"/> says), as the model's own threshold is.
    /// </summary>
    public static DecisionThreshold Calibrate(TextPairSet validation, ITextPairScorer scorer, ThresholdCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(validation);
        float[] scores = ScorePairs(validation, scorer);
        return ThresholdCalibrator.Calibrate(scores, validation.IsSame(), scorer.LargerIsCloser, criterion);
    }

    /// <summary>Checks that two text lists are given and pair up one to one.</summary>
    internal static void RequirePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        if (firstTexts.Count != secondTexts.Count)
        {
            throw new ArgumentException($"{firstTexts.Count} first texts but {secondTexts.Count} second texts");
        }
    }

    /// <summary>Checks the arguments of <see cref="TextPairScorerExtensions.ScorePairs"/>: one index of each side per pair, each inside its list.</summary>
    internal static void RequirePairs(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts, IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        RequireIndices(firstTexts, secondTexts, left, right);
        if (left.Count != right.Count)
        {
            throw new ArgumentException($"{left.Count} first-text indices but {right.Count} second-text indices", nameof(right));
        }
    }

    /// <summary>Checks the arguments of <see cref="TextPairScorerExtensions.Score"/>: both lists given, each index inside its list.</summary>
    internal static void RequireIndices(
        IReadOnlyList<string> firstTexts,
        IReadOnlyList<string> secondTexts,
        IReadOnlyList<int> firstIndices,
        IReadOnlyList<int> secondIndices,
        [CallerArgumentExpression(nameof(firstIndices))] string firstName = "",
        [CallerArgumentExpression(nameof(secondIndices))] string secondName = "")
    {
        ArgumentNullException.ThrowIfNull(firstTexts);
        ArgumentNullException.ThrowIfNull(secondTexts);
        RequireWithin(firstIndices, firstTexts.Count, "first texts", firstName);
        RequireWithin(secondIndices, secondTexts.Count, "second texts", secondName);
    }

    private static void RequireWithin(IReadOnlyList<int> indices, int count, string texts, string name)
    {
        ArgumentNullException.ThrowIfNull(indices, name);
        foreach (int index in indices)
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentException($"index {index} is outside the {count} {texts}", name);
            }
        }
    }

    /// <summary>Checks the indices of <see cref="ITextPairScores.ScorePairs"/>: one of each side per pair, each inside its list.</summary>
    internal static void RequirePairIndices(IReadOnlyList<int> left, IReadOnlyList<int> right, int firstCount, int secondCount)
    {
        RequireBlockIndices(left, right, firstCount, secondCount, nameof(left), nameof(right));
        if (left.Count != right.Count)
        {
            throw new ArgumentException($"{left.Count} first-text indices but {right.Count} second-text indices", nameof(right));
        }
    }

    /// <summary>Checks the indices of <see cref="ITextPairScores.Score"/>: each inside its list.</summary>
    internal static void RequireBlockIndices(
        IReadOnlyList<int> firstIndices,
        IReadOnlyList<int> secondIndices,
        int firstCount,
        int secondCount,
        [CallerArgumentExpression(nameof(firstIndices))] string firstName = "",
        [CallerArgumentExpression(nameof(secondIndices))] string secondName = "")
    {
        RequireWithin(firstIndices, firstCount, "first texts", firstName);
        RequireWithin(secondIndices, secondCount, "second texts", secondName);
    }

    private static MatchingReport Match(TextPairSet set, bool[] isSame, ITextPairScores scores, bool largerIsCloser, int maxQueries, int seed)
    {
        var positives = Enumerable.Range(0, set.Count).Where(i => isSame[i]).ToArray();

        // Candidates: every distinct second text of a positive pair. Each first text's correct partners, to leave the others out.
        var candidateOf = new Dictionary<int, int>();
        foreach (int p in positives)
        {
            candidateOf.TryAdd(set.Right[p], candidateOf.Count);
        }

        var partners = positives.GroupBy(p => set.Left[p]).ToDictionary(g => g.Key, g => g.Select(p => candidateOf[set.Right[p]]).ToHashSet());
        var queries = positives;
        if (queries.Length > maxQueries)
        {
            queries = [.. queries];
            new Random(seed).Shuffle(queries);
            queries = queries.Take(maxQueries).Order().ToArray();
        }

        // Rows and columns index the set's distinct texts, embedded once already for the pairs: nothing is embedded here.
        var candidates = candidateOf.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        var ranks = new List<int>(queries.Length);
        float worst = largerIsCloser ? float.NegativeInfinity : float.PositiveInfinity;
        for (int start = 0; start < queries.Length; start += QueryChunk)
        {
            var chunk = queries.Skip(start).Take(QueryChunk).ToArray();
            var distinctFirst = chunk.Select(p => set.Left[p]).Distinct().ToArray();
            var rowOf = distinctFirst.Select((f, r) => (f, r)).ToDictionary(x => x.f, x => x.r);
            float[,] block = scores.Score(distinctFirst, candidates);
            var matrix = new double[chunk.Length, candidates.Length];
            var correct = new int[chunk.Length];
            for (int q = 0; q < chunk.Length; q++)
            {
                int p = chunk[q];
                int row = rowOf[set.Left[p]];
                correct[q] = candidateOf[set.Right[p]];
                var others = partners[set.Left[p]];
                for (int c = 0; c < candidates.Length; c++)
                {
                    matrix[q, c] = c != correct[q] && others.Contains(c) ? worst : block[row, c];
                }
            }

            ranks.AddRange(MatchingMetrics.RanksOfCorrect(matrix, correct, largerIsCloser));
        }

        return MatchingMetrics.FromRanks(ranks, candidates.Length, largerIsCloser);
    }
}
