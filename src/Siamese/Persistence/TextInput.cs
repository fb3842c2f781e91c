using Siamese.Text;

namespace Siamese.Persistence;

/// <summary>A text branch's input: texts split into hashed subword ids by the tokenizer the model was trained with.</summary>
/// <param name="Tokenizer">The tokenizer's settings.</param>
public sealed record TextInput(TokenizerSettings Tokenizer) : BranchInput
{
    /// <inheritdoc />
    public override string Reads => "texts";
}
