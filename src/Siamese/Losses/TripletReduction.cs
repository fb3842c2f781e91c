namespace Siamese.Losses;

/// <summary>How per-triplet losses become the batch loss.</summary>
public enum TripletReduction
{
    /// <summary>Mean over the triplets whose loss is above zero (0 when there are none); the usual choice with batch-all triplets, so easy triplets do not dilute the signal.</summary>
    MeanOfNonZero,

    /// <summary>Mean over all triplets.</summary>
    Mean,
}
