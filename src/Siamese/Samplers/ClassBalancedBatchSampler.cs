namespace Siamese.Samplers;

/// <summary>
/// Class-balanced batches for in-batch mining ("P×K" batches, Hermans et al. 2017): each batch holds
/// <see cref="ClassesPerBatch"/> distinct classes drawn at random and <see cref="SamplesPerClass"/>
/// distinct items of each (drawn with replacement only when a class has fewer items than that), with the
/// items' labels, so every anchor has positives and negatives to mine. The batch sequence is fully
/// determined by the labels and the seed.
/// </summary>
public sealed class ClassBalancedBatchSampler : IBatchSampler
{
    private readonly ClassMembers classes;
    private readonly int[] classOrder;
    private readonly Random random;

    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">Class of each data-set item.</param>
    /// <param name="batchSize">Items per batch; a multiple of <paramref name="samplesPerClass"/>.</param>
    /// <param name="samplesPerClass">Items of each class in a batch (M, at least 2).</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <exception cref="ArgumentException">
    /// A class with fewer than 2 items, a batch size that is not a multiple of M, fewer than 2 classes per
    /// batch, or more classes per batch than the data has.
    /// </exception>
    public ClassBalancedBatchSampler(IReadOnlyList<int> labels, int batchSize, int samplesPerClass, int seed)
    {
        if (samplesPerClass < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(samplesPerClass), samplesPerClass, "samples per class must be at least 2, so that every item has a positive");
        }

        if (batchSize < 2 * samplesPerClass || batchSize % samplesPerClass != 0)
        {
            throw new ArgumentException(
                $"the batch size ({batchSize}) must be a multiple of the samples per class ({samplesPerClass}) holding at least 2 classes", nameof(batchSize));
        }

        classes = new ClassMembers(labels);
        classes.RequireTwoPerClass("class-balanced batches");
        ClassesPerBatch = batchSize / samplesPerClass;
        if (ClassesPerBatch > classes.Count)
        {
            throw new ArgumentException(
                $"a batch of {batchSize} with {samplesPerClass} per class needs {ClassesPerBatch} classes but the data has {classes.Count}; lower the batch size or raise the samples per class", nameof(batchSize));
        }

        SamplesPerClass = samplesPerClass;
        classOrder = Enumerable.Range(0, classes.Count).ToArray();
        random = new Random(seed);
    }

    /// <summary>Distinct classes in each batch.</summary>
    public int ClassesPerBatch { get; }

    /// <summary>Items of each class in each batch.</summary>
    public int SamplesPerClass { get; }

    /// <summary>Items per batch.</summary>
    public int BatchSize => ClassesPerBatch * SamplesPerClass;

    /// <inheritdoc />
    public MetricBatch Next()
    {
        var items = new int[BatchSize];
        var labels = new int[BatchSize];
        int position = 0;
        for (int k = 0; k < ClassesPerBatch; k++)
        {
            // Partial Fisher-Yates: the first ClassesPerBatch entries become a uniform draw without replacement.
            int pick = k + random.Next(classOrder.Length - k);
            (classOrder[k], classOrder[pick]) = (classOrder[pick], classOrder[k]);
            int c = classOrder[k];
            foreach (int member in Draw(classes.Members[c]))
            {
                items[position] = member;
                labels[position++] = classes.Labels[c];
            }
        }

        return new MetricBatch(items, labels, null);
    }

    /// <summary>SamplesPerClass items of one class: distinct (Floyd's algorithm) when the class is large enough.</summary>
    private IEnumerable<int> Draw(int[] members)
    {
        int n = members.Length;
        if (n <= SamplesPerClass)
        {
            var all = new List<int>(members);
            while (all.Count < SamplesPerClass)
            {
                all.Add(members[random.Next(n)]);
            }

            return all;
        }

        var chosen = new List<int>(SamplesPerClass);
        var seen = new HashSet<int>();
        for (int j = n - SamplesPerClass; j < n; j++)
        {
            int t = random.Next(j + 1);
            int index = seen.Add(t) ? t : j;
            if (index == j)
            {
                seen.Add(j);
            }

            chosen.Add(members[index]);
        }

        return chosen;
    }
}
