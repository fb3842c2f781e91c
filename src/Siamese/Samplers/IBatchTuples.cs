namespace Siamese.Samplers;

/// <summary>
/// Tuples given by index into one batch (<see cref="PairIndices"/>, <see cref="TripletIndices"/>,
/// <see cref="QuadrupletIndices"/>): what a sampler or a miner hands a loss. Each kind is its own type,
/// so a loss never has to guess what an index list means from its length.
/// </summary>
public interface IBatchTuples
{
    /// <summary>Number of tuples.</summary>
    int Count { get; }

    /// <summary>The largest index any tuple refers to, or −1 when there are none.</summary>
    int LargestIndex();
}
