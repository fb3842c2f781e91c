namespace Siamese.Tests;

/// <summary>
/// Tests that compare TorchSharp's live-tensor counts run alone: other tests creating tensors in
/// parallel would move the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTensorCollection
{
    public const string Name = "live tensor counts";
}
