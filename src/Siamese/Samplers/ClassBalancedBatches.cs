namespace Siamese.Samplers;

/// <summary>P classes x M samples per step, drawn from class labels; the loss mines its tuples inside the batch.</summary>
/// <param name="BatchSize">Inputs per step (P x M).</param>
/// <param name="SamplesPerClass">M, the items of each class in a batch.</param>
public sealed record ClassBalancedBatches(int BatchSize, int SamplesPerClass) : LabelBatchPlan
{
    /// <summary>P, the classes in a batch.</summary>
    public int Classes => SamplesPerClass > 0 ? BatchSize / SamplesPerClass : 0;

    /// <inheritdoc />
    public override int TupleWidth => 1;

    /// <inheritdoc />
    public override string Describe() => $"{Classes} classes x {SamplesPerClass} samples";

    /// <inheritdoc />
    public override void Validate()
    {
        if (SamplesPerClass < 2 || BatchSize % SamplesPerClass != 0 || BatchSize / SamplesPerClass < 2)
        {
            throw new ArgumentException(
                $"class-balanced batches need at least 2 samples per class and a batch size that is a multiple of them holding at least 2 classes (batch {BatchSize}, samples per class {SamplesPerClass})");
        }
    }

    /// <inheritdoc />
    public override IBatchSampler CreateSampler(IReadOnlyList<int> labels, int seed) =>
        new ClassBalancedBatchSampler(labels, BatchSize, SamplesPerClass, seed);
}
