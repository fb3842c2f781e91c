namespace Siamese.Samplers;

/// <summary>A source of training pairs, one batch at a time.</summary>
public interface IPairSampler
{
    /// <summary>The next <paramref name="count"/> pairs.</summary>
    PairIndices Next(int count);
}
