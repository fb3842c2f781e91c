namespace Siamese.Samplers;

/// <summary>A source of training batches; the sampler decides each batch's size and make-up.</summary>
public interface IBatchSampler
{
    /// <summary>The next batch.</summary>
    MetricBatch Next();
}
