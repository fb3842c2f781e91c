namespace Siamese.Samplers;

/// <summary>Random triplets or quadruplets drawn from class labels (the triplet network of Hoffer and Ailon).</summary>
/// <param name="Width">3 for triplets, 4 for quadruplets.</param>
/// <param name="Tuples">Tuples per step.</param>
public sealed record RandomTupleBatches(int Width, int Tuples) : LabelBatchPlan
{
    /// <inheritdoc />
    public override int TupleWidth => Width;

    /// <inheritdoc />
    public override string Describe() => $"{Tuples} random {(Width == 3 ? "triplets" : "quadruplets")}";

    /// <inheritdoc />
    public override void Validate()
    {
        if (Width is not (3 or 4) || Tuples < 2)
        {
            throw new ArgumentException($"random tuples are triplets or quadruplets, at least 2 a step (got width {Width}, {Tuples} a step)");
        }
    }

    /// <inheritdoc />
    public override IBatchSampler CreateSampler(IReadOnlyList<int> labels, int seed) =>
        new RandomTupleSampler(labels, Tuples, quadruplets: Width == 4, seed);
}
