namespace Siamese.Losses;

/// <summary>How the per-tuple losses of a batch become the batch loss.</summary>
public enum LossReduction
{
    /// <summary>Mean over the tuples whose loss is above zero (0 when there are none); the usual choice with batch-all triplets, so easy tuples do not dilute the signal.</summary>
    MeanOfNonZero,

    /// <summary>Mean over all tuples.</summary>
    Mean,
}
