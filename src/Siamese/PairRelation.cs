namespace Siamese;

/// <summary>
/// Whether the two inputs of a pair belong together. The papers disagree on what a bare 0/1 label
/// means (Chopra et al. 2005 write Y = 0 for a genuine pair, many tutorials write 1 for "similar"),
/// so this library never takes one: every API and file format names the relation instead.
/// The default value (0) is deliberately not a valid relation.
/// </summary>
public enum PairRelation
{
    /// <summary>Same identity or class: a genuine (positive, similar) pair.</summary>
    Same = 1,

    /// <summary>Different identities or classes: an impostor (negative, dissimilar) pair.</summary>
    Different = 2,
}
