namespace Siamese.Miners;

/// <summary>Which quadruplets a <see cref="QuadrupletMiner"/> keeps.</summary>
public enum QuadrupletSelection
{
    /// <summary>Every valid quadruplet; their number grows with the fourth power of the batch size, so only for small batches.</summary>
    All,

    /// <summary>
    /// One per anchor: its hardest positive, its hardest negative n, and the item closest to n among
    /// the classes other than the anchor's and n's (the hardest second negative).
    /// </summary>
    BatchHard,
}
