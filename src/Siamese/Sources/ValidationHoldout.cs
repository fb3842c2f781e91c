namespace Siamese.Sources;

/// <summary>How validation images are held out of the training classes.</summary>
public enum ValidationHoldout
{
    /// <summary>A share of every training class's images (stratified).</summary>
    Sample,

    /// <summary>Whole training classes, so validation measures what one-shot use needs: classes never trained on.</summary>
    Class,
}
