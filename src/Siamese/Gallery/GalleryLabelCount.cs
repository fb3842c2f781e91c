namespace Siamese.Gallery;

/// <summary>An enrolled label and how many embeddings the gallery holds for it.</summary>
/// <param name="Label">The label.</param>
/// <param name="Count">Its number of entries; at least 1.</param>
public sealed record GalleryLabelCount(string Label, int Count);
