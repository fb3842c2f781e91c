using Siamese.Distances;
using Siamese.Miners;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Losses;

/// <summary>
/// Prototypical-network loss (Snell, Swersky and Zemel 2017, "Prototypical Networks for Few-shot Learning"):
/// a class-balanced batch is read as an N-way K-shot episode. Of each class's items in the batch, the first
/// <see cref="Shots"/> are its support and the rest its queries; the class prototype is the mean embedding of its
/// support, and each query pays the cross-entropy of a softmax over its closeness to the N prototypes
/// (minus the distance, or the similarity, divided by <see cref="Temperature"/>). Snell et al. use the squared
/// Euclidean distance. The episode's classes are the batch's classes, in order of first appearance.
/// </summary>
public sealed class PrototypicalLoss : MetricLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="distance">Scores queries against prototypes.</param>
    /// <param name="shots">Support items per class (K ≥ 1); every class of a batch needs at least K + 1 items.</param>
    /// <param name="temperature">Divides the closeness before the softmax (default 1, as in the paper).</param>
    public PrototypicalLoss(IDistance distance, int shots, double temperature = 1)
        : base(distance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 1);
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be a positive number");
        }

        Shots = shots;
        Temperature = temperature;
    }

    /// <inheritdoc />
    public override string Name => "prototypical";

    /// <summary>Support items per class (K).</summary>
    public int Shots { get; }

    /// <summary>Softmax temperature.</summary>
    public double Temperature { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Fewer than 2 classes, or a class with K or fewer items in the batch.</exception>
    public override Tensor Compute(Tensor embeddings, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        BatchMasks.RequireOneLabelEach(embeddings, labels);
        var classOf = new Dictionary<int, int>();
        var support = new List<List<int>>();
        var queries = new List<int>();
        var queryClasses = new List<int>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!classOf.TryGetValue(labels[i], out int c))
            {
                c = classOf.Count;
                classOf.Add(labels[i], c);
                support.Add([]);
            }

            if (support[c].Count < Shots)
            {
                support[c].Add(i);
            }
            else
            {
                queries.Add(i);
                queryClasses.Add(c);
            }
        }

        if (classOf.Count < 2)
        {
            throw new ArgumentException($"a prototypical episode needs at least 2 classes in the batch; it has {classOf.Count}");
        }

        var counts = new int[classOf.Count];
        foreach (int c in queryClasses)
        {
            counts[c]++;
        }

        int lacking = Array.IndexOf(counts, 0);
        if (lacking >= 0)
        {
            int label = classOf.First(kv => kv.Value == lacking).Key;
            throw new ArgumentException($"class {label} has {support[lacking].Count} item(s) in the batch; the prototypical loss with {Shots} shot(s) needs at least {Shots + 1} per class (support plus a query)");
        }

        using var scope = NewDisposeScope();

        // Every class has exactly Shots support items (it has a query, so its support filled first): one gather, one mean.
        var prototypes = embeddings.index_select(0, Index(support.SelectMany(members => members).ToArray()))
            .reshape(support.Count, Shots, embeddings.shape[1]).mean([1]);
        var queryEmbeddings = embeddings.index_select(0, Index(queries.ToArray()));
        var logits = Distance.Closeness(Distance.Matrix(queryEmbeddings, prototypes)) / Temperature;
        return nn.functional.cross_entropy(logits, Index(queryClasses.ToArray())).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Compute(Tensor embeddings, MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Labels is not null
            ? Compute(embeddings, batch.Labels)
            : throw new ArgumentException($"the {Name} loss learns from labelled class-balanced batches (episodes), but the batch carries only {batch.Tuples!.GetType().Name}");
    }
}
