namespace Siamese.Miners;

/// <summary>
/// Which triplets a <see cref="TripletMarginMiner"/> keeps, by the triplet's margin t = D(a, n) − D(a, p)
/// (for similarities S(a, p) − S(a, n)) against the miner's margin m.
/// </summary>
public enum TripletSelection
{
    /// <summary>Every triplet that violates the margin: t ≤ m.</summary>
    All,

    /// <summary>The negative is at least as close as the positive: t ≤ 0.</summary>
    Hard,

    /// <summary>The negative is farther than the positive but within the margin: 0 &lt; t ≤ m (FaceNet).</summary>
    SemiHard,

    /// <summary>Already satisfied: t &gt; m.</summary>
    Easy,
}
