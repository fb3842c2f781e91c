namespace Siamese.Data;

/// <summary>
/// One pair of a pair list (see <see cref="PairListFile"/>): two image files and whether they show the same
/// identity or class. The label is a named boolean rather than 0/1 because papers disagree on which of 0 and 1
/// means "same".
/// </summary>
/// <param name="LeftPath">The first image; absolute when read by <see cref="PairListFile.Read"/>.</param>
/// <param name="RightPath">The second image; absolute when read by <see cref="PairListFile.Read"/>.</param>
/// <param name="IsSame">True for a genuine pair (same identity or class), false for an impostor pair (different).</param>
/// <param name="LineNumber">The 1-based line the pair was read from, or 0 for a pair not read from a file.</param>
public sealed record PairListEntry(string LeftPath, string RightPath, bool IsSame, int LineNumber = 0);
