namespace Siamese.Inputs;

/// <summary>Which input of a pair an item is: the side decides the branch of a pseudo-Siamese network.</summary>
public enum PairSide
{
    /// <summary>The first input (text1, the query, the title, the word).</summary>
    First,

    /// <summary>The second input (text2, the candidate, the body, the definition).</summary>
    Second,
}
