namespace Siamese.Samplers;

/// <summary>
/// Random triplets or quadruplets drawn from a labelled data set, without mining: the classic triplet
/// network of Hoffer and Ailon (2015), whose three branches see an independent random (anchor, positive,
/// negative) each, and its quadruplet extension (Chen et al. 2017). The anchor's class is drawn uniformly
/// among classes with two items, the anchor and positive uniformly within it, each negative's class
/// uniformly among the classes still allowed and the item uniformly within it. A batch embeds the
/// anchors, then the positives, then the negatives (then the second negatives), and carries the tuples
/// and the items' labels. The batch sequence is fully determined by the labels and the seed.
/// </summary>
public sealed class RandomTupleSampler : IBatchSampler
{
    private readonly ClassMembers classes;
    private readonly int[] pairableClasses;
    private readonly int tuplesPerBatch;
    private readonly bool quadruplets;
    private readonly Random random;

    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">Class of each data-set item.</param>
    /// <param name="tuplesPerBatch">Tuples per batch (the batch embeds three or four times as many inputs).</param>
    /// <param name="quadruplets">Draw quadruplets (<see cref="QuadrupletIndices"/>) instead of triplets (<see cref="TripletIndices"/>).</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <exception cref="ArgumentException">Too few classes (2 for triplets, 3 for quadruplets) or no class with two items.</exception>
    public RandomTupleSampler(IReadOnlyList<int> labels, int tuplesPerBatch, bool quadruplets, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tuplesPerBatch, 1);
        classes = new ClassMembers(labels);
        int needed = quadruplets ? 3 : 2;
        if (classes.Count < needed)
        {
            throw new ArgumentException($"{(quadruplets ? "quadruplet" : "triplet")} sampling needs at least {needed} classes; found {classes.Count}", nameof(labels));
        }

        pairableClasses = Enumerable.Range(0, classes.Count).Where(c => classes.Members[c].Length >= 2).ToArray();
        if (pairableClasses.Length == 0)
        {
            throw new ArgumentException("tuple sampling needs a class with at least 2 items for anchor and positive", nameof(labels));
        }

        this.tuplesPerBatch = tuplesPerBatch;
        this.quadruplets = quadruplets;
        random = new Random(seed);
    }

    /// <inheritdoc />
    public MetricBatch Next()
    {
        int n = tuplesPerBatch;
        int width = quadruplets ? 4 : 3;
        var items = new int[width * n];
        var labels = new int[width * n];
        for (int i = 0; i < n; i++)
        {
            int anchorClass = pairableClasses[random.Next(pairableClasses.Length)];
            var members = classes.Members[anchorClass];
            int a = random.Next(members.Length);
            int p = ClassMembers.DrawOther(random, members.Length, a);
            int negativeClass = ClassMembers.DrawOther(random, classes.Count, anchorClass);
            Put(i, members[a], anchorClass);
            Put(n + i, members[p], anchorClass);
            Put((2 * n) + i, DrawItem(negativeClass), negativeClass);
            if (quadruplets)
            {
                // A third class: uniform over the classes other than the anchor's and the negative's.
                int third = random.Next(classes.Count - 2);
                foreach (int taken in new[] { anchorClass, negativeClass }.Order())
                {
                    if (third >= taken)
                    {
                        third++;
                    }
                }

                Put((3 * n) + i, DrawItem(third), third);
            }
        }

        int[] Block(int k) => Enumerable.Range(k * n, n).ToArray();
        IBatchTuples tuples = quadruplets
            ? new QuadrupletIndices(Block(0), Block(1), Block(2), Block(3))
            : new TripletIndices(Block(0), Block(1), Block(2));
        return new MetricBatch(items, labels, tuples);

        void Put(int position, int item, int classIndex)
        {
            items[position] = item;
            labels[position] = classes.Labels[classIndex];
        }
    }

    private int DrawItem(int classIndex) => classes.Members[classIndex][random.Next(classes.Members[classIndex].Length)];
}
