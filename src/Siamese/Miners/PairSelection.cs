namespace Siamese.Miners;

/// <summary>Which pairs of a labelled batch a <see cref="PairMiner"/> keeps.</summary>
public enum PairSelection
{
    /// <summary>Every pair of two different items, each unordered pair once.</summary>
    All,

    /// <summary>
    /// Hard pairs only: a genuine pair farther apart than the closest impostor of either of its items, and
    /// an impostor pair closer than the farthest genuine partner of either of its items (the per-item form
    /// of the online contrastive loss of sentence-transformers).
    /// </summary>
    Hard,
}
