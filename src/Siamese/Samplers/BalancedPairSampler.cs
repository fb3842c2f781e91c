namespace Siamese.Samplers;

/// <summary>
/// Draws balanced random pairs from a labelled data set: half genuine (two different items of one
/// class) and half impostor (items of two different classes), with classes drawn uniformly.
/// The sequence of batches is fully determined by the labels and the seed.
/// </summary>
public sealed class BalancedPairSampler : IPairSampler
{
    private readonly int[][] byClass;
    private readonly int[] pairableClasses;
    private readonly Random random;

    /// <summary>Creates a sampler over items with the given class labels.</summary>
    /// <exception cref="ArgumentException">Fewer than two classes, or no class with two items.</exception>
    public BalancedPairSampler(IReadOnlyList<int> labels, int seed)
    {
        byClass = new ClassMembers(labels).Members;
        if (byClass.Length < 2)
        {
            throw new ArgumentException($"pair sampling needs at least 2 classes; found {byClass.Length}", nameof(labels));
        }

        pairableClasses = Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Length >= 2).ToArray();
        if (pairableClasses.Length == 0)
        {
            throw new ArgumentException("pair sampling needs a class with at least 2 items for genuine pairs", nameof(labels));
        }

        random = new Random(seed);
    }

    /// <summary>
    /// Draws <paramref name="count"/> pairs: ⌈count/2⌉ genuine then ⌊count/2⌋ impostor, in shuffled order.
    /// </summary>
    public PairIndices Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var left = new int[count];
        var right = new int[count];
        var relations = new PairRelation[count];
        int genuine = (count + 1) / 2;
        for (int i = 0; i < count; i++)
        {
            if (i < genuine)
            {
                var members = byClass[pairableClasses[random.Next(pairableClasses.Length)]];
                int a = random.Next(members.Length);
                int b = ClassMembers.DrawOther(random, members.Length, a);

                (left[i], right[i], relations[i]) = (members[a], members[b], PairRelation.Same);
            }
            else
            {
                int ca = random.Next(byClass.Length);
                int cb = ClassMembers.DrawOther(random, byClass.Length, ca);

                left[i] = byClass[ca][random.Next(byClass[ca].Length)];
                right[i] = byClass[cb][random.Next(byClass[cb].Length)];
                relations[i] = PairRelation.Different;
            }
        }

        // Shuffle so that batch order carries no information.
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (left[i], left[j]) = (left[j], left[i]);
            (right[i], right[j]) = (right[j], right[i]);
            (relations[i], relations[j]) = (relations[j], relations[i]);
        }

        return new PairIndices(left, right, relations);
    }
}
