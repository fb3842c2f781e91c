namespace Siamese.Persistence;

/// <summary>
/// What one branch of a model reads and how it turns raw input into the tensors its encoder takes: an
/// <see cref="ImageInput"/> (image files decoded, resized and normalised) or a <see cref="TextInput"/> (texts tokenized).
/// </summary>
public abstract record BranchInput
{
    /// <summary>What the branch's raw inputs are, in words for messages: "image files" or "texts".</summary>
    public abstract string Reads { get; }
}
