namespace Siamese.Samplers;

/// <summary>
/// Draws N-way K-shot episodes from labelled data (Vinyals et al. 2016; Snell et al. 2017): N distinct classes
/// at random, then K support items and Q query items of each class, all distinct. The sequence of episodes is
/// fully determined by the labels and the seed, so an evaluation can be replayed exactly.
/// </summary>
public sealed class FewShotEpisodeSampler
{
    private readonly ClassMembers classes;
    private readonly int[] eligible;
    private readonly Random random;

    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">Class of each data-set item.</param>
    /// <param name="way">Classes per episode (N, at least 2).</param>
    /// <param name="shots">Support items per class (K, at least 1).</param>
    /// <param name="queriesPerClass">Query items per class (at least 1).</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <exception cref="ArgumentException">Fewer than N classes have K + Q items.</exception>
    public FewShotEpisodeSampler(IReadOnlyList<int> labels, int way, int shots, int queriesPerClass, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(way, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queriesPerClass, 1);
        classes = new ClassMembers(labels);
        eligible = Enumerable.Range(0, classes.Count).Where(c => classes.Members[c].Length >= shots + queriesPerClass).ToArray();
        if (eligible.Length < way)
        {
            throw new ArgumentException(
                $"{way}-way {shots}-shot episodes with {queriesPerClass} queries per class need {way} classes with at least {shots + queriesPerClass} items each; the data has {eligible.Length} such classes (of {classes.Count})");
        }

        Way = way;
        Shots = shots;
        QueriesPerClass = queriesPerClass;
        random = new Random(seed);
    }

    /// <summary>Classes per episode (N).</summary>
    public int Way { get; }

    /// <summary>Support items per class (K).</summary>
    public int Shots { get; }

    /// <summary>Query items per class.</summary>
    public int QueriesPerClass { get; }

    /// <summary>Number of classes that have enough items to take part in an episode.</summary>
    public int EligibleClassCount => eligible.Length;

    /// <summary>Draws the next episode.</summary>
    public FewShotEpisode Next()
    {
        var chosen = new int[Way];
        for (int k = 0; k < Way; k++)
        {
            // Partial Fisher-Yates over the eligible classes: a uniform draw without replacement.
            int pick = k + random.Next(eligible.Length - k);
            (eligible[k], eligible[pick]) = (eligible[pick], eligible[k]);
            chosen[k] = eligible[k];
        }

        int perClass = Shots + QueriesPerClass;
        var support = new int[Way * Shots];
        var queries = new int[Way * QueriesPerClass];
        var queryClasses = new int[queries.Length];
        for (int c = 0; c < Way; c++)
        {
            int[] members = classes.Members[chosen[c]];
            var items = DrawDistinct(members, perClass);
            Array.Copy(items, 0, support, c * Shots, Shots);
            Array.Copy(items, Shots, queries, c * QueriesPerClass, QueriesPerClass);
            Array.Fill(queryClasses, c, c * QueriesPerClass, QueriesPerClass);
        }

        return new FewShotEpisode(chosen.Select(c => classes.Labels[c]).ToArray(), Shots, support, queries, queryClasses);
    }

    /// <summary><paramref name="count"/> distinct members in random order (partial Fisher-Yates on a copy).</summary>
    private int[] DrawDistinct(int[] members, int count)
    {
        var pool = (int[])members.Clone();
        for (int k = 0; k < count; k++)
        {
            int pick = k + random.Next(pool.Length - k);
            (pool[k], pool[pick]) = (pool[pick], pool[k]);
        }

        return pool[..count];
    }
}
