namespace Siamese.Encoders;

/// <summary>
/// An encoder spec whose module reads token ids (a tokenizer's output) rather than images: a branch built from it
/// reads texts. A new text encoder is its module, its spec record implementing this, and one catalog line; everything
/// that asks "does this branch read texts?" asks this interface, never a concrete type.
/// </summary>
public interface ITokenEncoderSpec
{
    /// <summary>Number of token ids the encoder embeds (padding included); the branch's tokenizer must make exactly these.</summary>
    int VocabularySize { get; }
}
