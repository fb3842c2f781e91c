using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Metrics;
using Siamese.Samplers;
using Siamese.Tests.Evaluation.Metrics;

namespace Siamese.Tests.Evaluation.Evaluators;

public class TextPairEvaluatorTests
{
    /// <summary>A scorer whose scores come from a function of the two texts; records the text lists it prepares and each scoring call.</summary>
    private sealed class FakeScorer(Func<string, string, float> score, bool largerIsCloser = true) : ITextPairScorer
    {
        public string Name => "fake";

        public bool LargerIsCloser => largerIsCloser;

        public List<(IReadOnlyList<string> First, IReadOnlyList<string> Second)> Lists { get; } = [];

        public int ScoreCalls { get; private set; }

        private Func<string, string, float> Function => score;

        public ITextPairScores Prepare(IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts)
        {
            Lists.Add((firstTexts, secondTexts));
            return new Scores(this, firstTexts, secondTexts);
        }

        private sealed class Scores(FakeScorer owner, IReadOnlyList<string> firstTexts, IReadOnlyList<string> secondTexts) : ITextPairScores
        {
            public int FirstCount => firstTexts.Count;

            public int SecondCount => secondTexts.Count;

            public float[,] Score(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
            {
                owner.ScoreCalls++;
                var result = new float[rows.Count, columns.Count];
                for (int i = 0; i < rows.Count; i++)
                {
                    for (int j = 0; j < columns.Count; j++)
                    {
                        result[i, j] = owner.Function(firstTexts[rows[i]], secondTexts[columns[j]]);
                    }
                }

                return result;
            }

            public float[] ScorePairs(IReadOnlyList<int> left, IReadOnlyList<int> right)
            {
                owner.ScoreCalls++;
                return left.Select((l, k) => owner.Function(firstTexts[l], secondTexts[right[k]])).ToArray();
            }
        }
    }

    private static FakeScorer Table(Dictionary<(string, string), float> table, float otherwise, bool largerIsCloser = true) =>
        new((a, b) => table.TryGetValue((a, b), out float s) ? s : otherwise, largerIsCloser);

    // The matching example: A has two correct partners (a1, a2), B one (b), C one (c); (A, b) is a negative pair.
    private static readonly TextPair[] MatchingPairs =
    [
        TextPair.WithRelation("A", "a1", PairRelation.Same),
        TextPair.WithRelation("A", "a2", PairRelation.Same),
        TextPair.WithRelation("B", "b", PairRelation.Same),
        TextPair.WithRelation("C", "c", PairRelation.Same),
        TextPair.WithRelation("A", "b", PairRelation.Different),
        TextPair.WithRelation("B", "n", PairRelation.Different),
    ];

    private static readonly Dictionary<(string, string), float> MatchingScores = new()
    {
        // A: a2 scores above a1, but a2 is A's other correct partner and must not compete with a1 (and vice versa)
        [("A", "a1")] = 0.9f, [("A", "a2")] = 0.95f, [("A", "b")] = 0.5f, [("A", "c")] = 0.1f,

        // B: a1 ties with the correct b, and ties count against the query: rank 2
        [("B", "b")] = 0.6f, [("B", "a1")] = 0.6f, [("B", "a2")] = 0.2f, [("B", "c")] = 0.1f, [("B", "n")] = 0.99f,

        // C: a2 and b score above c: rank 3
        [("C", "c")] = 0.2f, [("C", "a2")] = 0.8f, [("C", "b")] = 0.3f, [("C", "a1")] = 0.1f,
    };

    [Fact]
    public void Evaluate_Matching_HandCountedRanksWithOtherPartnersLeftOutAndTiesAgainst()
    {
        // Given the matching example (candidates: a1, a2, b, c; "n" is only in a negative pair)
        var set = TextPairSet.FromPairs(MatchingPairs);

        // When it is evaluated
        var report = TextPairEvaluator.Evaluate(set, Table(MatchingScores, 0f));

        // Then the ranks are 1 (A, a1), 1 (A, a2), 2 (B, b; tie), 3 (C, c): P@1 = 2/4, MRR = (1 + 1 + 1/2 + 1/3) / 4
        var matching = Assert.IsType<MatchingReport>(report.Matching);
        Assert.Equal(4, matching.QueryCount);
        Assert.Equal(4, matching.CandidateCount);
        Assert.Equal(0.5, matching.PrecisionAt1, 12);
        Assert.Equal((1 + 1 + 0.5 + (1.0 / 3)) / 4, matching.MeanReciprocalRank, 12);
        Assert.Equal(6, report.PairCount);
        Assert.Equal(4, report.PositiveCount);
    }

    [Fact]
    public void Evaluate_PairsAndMatching_AreScoredOverTheSetsDistinctTextLists()
    {
        // Given 600 positive pairs whose first texts repeat (200 distinct), and a scorer that records what it is given
        var set = TextPairSet.FromPairs([.. Enumerable.Range(0, 600).Select(i => TextPair.WithRelation($"f{i % 200}", $"s{i}", PairRelation.Same))]);
        var scorer = new FakeScorer((f, s) => f.Length + s.Length);

        // When it is evaluated: the pairs, then 600 matching queries in two blocks
        var report = TextPairEvaluator.Evaluate(set, scorer, maxQueries: 600);

        // Then the set's own lists of distinct texts (the very objects) were prepared once, so each distinct text is
        // embedded once, and the pairs and both blocks were scored from that one preparation
        Assert.Equal(600, report.Matching!.QueryCount);
        var lists = Assert.Single(scorer.Lists);
        Assert.Same(set.FirstTexts, lists.First);
        Assert.Same(set.SecondTexts, lists.Second);
        Assert.Equal(3, scorer.ScoreCalls);
    }

    [Fact]
    public void Evaluate_MatchingWithDistances_GivesTheSameRanks()
    {
        // Given the matching example scored by the distance 1 − similarity (smaller is closer)
        var set = TextPairSet.FromPairs(MatchingPairs);
        var distances = MatchingScores.ToDictionary(kv => kv.Key, kv => 1 - kv.Value);

        // When it is evaluated
        var matching = TextPairEvaluator.Evaluate(set, Table(distances, 1f, largerIsCloser: false)).Matching!;

        // Then the figures are those of the similarities
        Assert.False(matching.LargerIsCloser);
        Assert.Equal(0.5, matching.PrecisionAt1, 12);
        Assert.Equal((1 + 1 + 0.5 + (1.0 / 3)) / 4, matching.MeanReciprocalRank, 12);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public void Evaluate_RandomSets_MatchingEqualsBruteForceLoop(bool largerIsCloser, int seed)
    {
        // Given random pairs over few texts (so first texts have several correct partners) and random scores
        var random = new Random(seed);
        var pairs = Enumerable.Range(0, 40)
            .Select(_ => TextPair.WithRelation($"f{random.Next(8)}", $"s{random.Next(10)}", random.Next(3) == 0 ? PairRelation.Different : PairRelation.Same))
            .ToArray();
        var scores = new Dictionary<(string, string), float>();
        for (int f = 0; f < 8; f++)
        {
            for (int s = 0; s < 10; s++)
            {
                scores[($"f{f}", $"s{s}")] = random.Next(6) / 5f; // few values, so ties happen
            }
        }

        var set = TextPairSet.FromPairs(pairs);

        // When evaluated
        var matching = TextPairEvaluator.Evaluate(set, Table(scores, 0f, largerIsCloser)).Matching!;

        // Then P@1 and MRR equal a loop over the positive pairs: candidates are the distinct second texts of positives,
        // minus the query's other correct partners; rank = 1 + the other candidates scoring at least as close
        var positives = pairs.Where(p => p.Relation == PairRelation.Same).ToArray();
        var candidates = positives.Select(p => p.Text2).Distinct().ToArray();
        var ranks = new List<int>();
        foreach (var query in positives)
        {
            var partners = positives.Where(p => p.Text1 == query.Text1).Select(p => p.Text2).ToHashSet();
            float correct = scores[(query.Text1, query.Text2)];
            int rank = 1;
            foreach (string candidate in candidates)
            {
                if (candidate == query.Text2 || partners.Contains(candidate))
                {
                    continue;
                }

                float s = scores[(query.Text1, candidate)];
                rank += (largerIsCloser ? s >= correct : s <= correct) ? 1 : 0;
            }

            ranks.Add(rank);
        }

        Assert.Equal(positives.Length, matching.QueryCount);
        Assert.Equal(candidates.Length, matching.CandidateCount);
        Assert.Equal(ranks.Count(r => r == 1) / (double)ranks.Count, matching.PrecisionAt1, 12);
        Assert.Equal(ranks.Average(r => 1.0 / r), matching.MeanReciprocalRank, 12);
    }

    [Fact]
    public void Evaluate_MaxQueries_CapsTheQueriesToASeededSampleOfThePositives()
    {
        // Given 10 positive pairs (Fi, Si) scored so that query i ranks its partner i + 1-th
        var pairs = Enumerable.Range(0, 10).Select(i => TextPair.WithRelation($"F{i}", $"S{i}", PairRelation.Same)).ToArray();
        var scorer = new FakeScorer((f, s) =>
        {
            int i = int.Parse(f[1..]), j = int.Parse(s[1..]);
            return i == j ? 0.5f : j < i ? 0.9f : 0.1f;
        });
        var set = TextPairSet.FromPairs(pairs);

        // When evaluated with at most 3 queries, twice with one seed and once with all queries
        var capped = TextPairEvaluator.Evaluate(set, scorer, maxQueries: 3, seed: 5).Matching!;
        var again = TextPairEvaluator.Evaluate(set, scorer, maxQueries: 3, seed: 5).Matching!;
        var all = TextPairEvaluator.Evaluate(set, scorer, maxQueries: 10).Matching!;

        // Then 3 queries are measured against all 10 candidates, their MRR is that of some 3 distinct queries, the
        // same seed gives the same sample, and without a cap every query counts
        Assert.Equal(3, capped.QueryCount);
        Assert.Equal(10, capped.CandidateCount);
        bool someTriple = false;
        for (int a = 0; a < 10; a++)
        {
            for (int b = a + 1; b < 10; b++)
            {
                for (int c = b + 1; c < 10; c++)
                {
                    someTriple |= Math.Abs(((1.0 / (a + 1)) + (1.0 / (b + 1)) + (1.0 / (c + 1))) / 3 - capped.MeanReciprocalRank) < 1e-12;
                }
            }
        }

        Assert.True(someTriple, $"MRR {capped.MeanReciprocalRank} is not the mean of 1/rank over 3 distinct queries");
        Assert.Equal(capped, again);
        Assert.Equal(10, all.QueryCount);
        Assert.Equal(Enumerable.Range(1, 10).Average(r => 1.0 / r), all.MeanReciprocalRank, 12);
        Assert.Equal(0.1, all.PrecisionAt1, 12);
        Assert.Null(TextPairEvaluator.Evaluate(set, scorer, maxQueries: 0).Matching);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Evaluate_BinaryWithThreshold_AccuracyAndF1AreTheHandCounts(bool largerIsCloser)
    {
        // Given VerificationMetricsTests' 8 hand-counted pairs as binary text pairs; as similarities with threshold 0.5:
        // same pairs score 0.9, 0.6, 0.4 (TP, TP, FN), different pairs 0.7, 0.5, 0.2, 0.1, 0.3 (FP, FP at the threshold, TN, TN, TN)
        float[] similarities = VerificationMetricsTests.ThresholdSimilarities;
        bool[] same = VerificationMetricsTests.ThresholdIsSame;
        var pairs = similarities.Select((_, i) => TextPair.WithRelation($"q{i}", $"c{i}", same[i] ? PairRelation.Same : PairRelation.Different)).ToArray();
        var table = pairs.Select((p, i) => (p, i)).ToDictionary(x => (x.p.Text1, x.p.Text2), x => largerIsCloser ? similarities[x.i] : 1 - similarities[x.i]);
        var threshold = VerificationMetricsTests.Threshold(0.5, largerIsCloser);

        // When evaluated
        var report = TextPairEvaluator.Evaluate(TextPairSet.FromPairs(pairs), Table(table, 0f, largerIsCloser), threshold);

        // Then TP = 2, FP = 2, FN = 1, TN = 3: accuracy 5/8, F1 = 2·2 / (2·2 + 2 + 1) = 4/7
        Assert.Equal(5.0 / 8, report.ThresholdAccuracy!.Value, 12);
        Assert.Equal(4.0 / 7, report.ThresholdF1!.Value, 12);
        Assert.Equal(0.5, report.Threshold);
        Assert.False(report.IsGraded);
        Assert.Null(report.Correlation);
        var verification = Assert.IsType<VerificationReport>(report.Verification);
        Assert.Equal(3, verification.GenuineCount);
        Assert.Equal(5, verification.ImpostorCount);

        // And VerificationMetrics.AtThreshold on its own agrees
        var scores = TextPairEvaluator.ScorePairs(TextPairSet.FromPairs(pairs), Table(table, 0f, largerIsCloser));
        Assert.Equal((5.0 / 8, 4.0 / 7), VerificationMetrics.AtThreshold(scores, same, threshold));
    }

    [Fact]
    public void Evaluate_Graded_CorrelationsAreThoseOfTheScoresWithTheTargets()
    {
        // Given graded pairs and scores that follow the targets loosely (with a tie)
        double[] targets = [0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0];
        float[] scores = [0.1f, 0.05f, 0.5f, 0.5f, 0.4f, 0.9f, 0.7f];
        var pairs = targets.Select((t, i) => TextPair.WithScore($"q{i}", $"c{i}", t, t * 5)).ToArray();
        var table = pairs.Select((p, i) => (p, i)).ToDictionary(x => (x.p.Text1, x.p.Text2), x => scores[x.i]);

        // When evaluated, even with a threshold
        var report = TextPairEvaluator.Evaluate(TextPairSet.FromPairs(pairs), Table(table, 0f), VerificationMetricsTests.Threshold(0.5, true));

        // Then Pearson and Spearman are CorrelationMetrics' of the float scores and targets, and no binary figures are given
        var expected = CorrelationMetrics.Compute(scores.Select(s => (double)s).ToArray(), targets.Select(t => (double)(float)t).ToArray());
        var correlation = Assert.IsType<CorrelationReport>(report.Correlation);
        Assert.Equal(expected.Pearson, correlation.Pearson, 12);
        Assert.Equal(expected.Spearman, correlation.Spearman, 12);
        Assert.Equal(7, correlation.Count);
        Assert.True(report.IsGraded);
        Assert.Null(report.Verification);
        Assert.Null(report.ThresholdAccuracy);
        Assert.Null(report.ThresholdF1);
        Assert.Equal(4, report.PositiveCount); // targets ≥ 0.5

        // And the Spearman figure is the hand-computed one: ranks of scores [2, 1, 4.5, 4.5, 3, 7, 6] against 1..7
        double[] rs = [2, 1, 4.5, 4.5, 3, 7, 6];
        double[] rt = [1, 2, 3, 4, 5, 6, 7];
        double mean = 4, cov = rs.Zip(rt, (a, b) => (a - mean) * (b - mean)).Sum();
        double spearman = cov / Math.Sqrt(rs.Sum(a => (a - mean) * (a - mean)) * rt.Sum(b => (b - mean) * (b - mean)));
        Assert.Equal(spearman, correlation.Spearman, 12);
    }

    [Fact]
    public void ScorePairs_InTheSetsOrder_IncludingRepeatedPairs()
    {
        var pairs = new[]
        {
            TextPair.WithRelation("x", "y", PairRelation.Same),
            TextPair.WithRelation("z", "y", PairRelation.Different),
            TextPair.WithRelation("x", "y", PairRelation.Same),
        };
        var scorer = new FakeScorer((a, b) => a == "x" ? 0.25f : 0.75f);

        Assert.Equal([0.25f, 0.75f, 0.25f], TextPairEvaluator.ScorePairs(TextPairSet.FromPairs(pairs), scorer));
    }
}
