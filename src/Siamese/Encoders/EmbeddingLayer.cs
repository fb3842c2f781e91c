namespace Siamese.Encoders;

/// <summary>
/// Which layer of a CNN encoder gives the embeddings a trained model hands out (to compare, search a gallery or
/// recognise new classes). Training always optimises the loss on the projection; an inner layer keeps more of what the
/// training classes did not need, which carries over better to classes never seen (the projection-head finding of
/// SimCLR, Chen et al. 2020, and of SimpleShot, Wang et al. 2019).
/// </summary>
public enum EmbeddingLayer
{
    /// <summary>The projection the loss was trained on (default).</summary>
    Projection,

    /// <summary>The hidden fully connected layer before the projection (after its batch norm and ReLU).</summary>
    Hidden,

    /// <summary>The flattened output of the last convolutional block.</summary>
    Features,
}
