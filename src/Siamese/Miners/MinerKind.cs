namespace Siamese.Miners;

/// <summary>
/// How a loss picks its tuples. Each loss spec lists the kinds it accepts, its default first; in JSON and on the
/// command line they are written in kebab case ("batch-hard", "semi-hard", "hard-pair").
/// </summary>
public enum MinerKind
{
    /// <summary>No mining: tuples are drawn at random before the step (or come from a pair list).</summary>
    None,

    /// <summary>Pairs inside a class-balanced batch that break their margin (hard positives and negatives).</summary>
    HardPair,

    /// <summary>Every tuple inside a class-balanced batch.</summary>
    All,

    /// <summary>Per anchor, the farthest positive and the closest negative in the batch.</summary>
    BatchHard,

    /// <summary>Triplets whose negative is farther than the positive but inside the margin.</summary>
    SemiHard,

    /// <summary>The batch read as an N-way K-shot episode (support and queries).</summary>
    Episode,
}
