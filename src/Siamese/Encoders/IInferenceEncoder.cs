using static TorchSharp.torch;

namespace Siamese.Encoders;

/// <summary>An encoder whose embeddings for comparison come from another layer than its training output.</summary>
internal interface IInferenceEncoder
{
    /// <summary>The embeddings handed out for comparison, (N, D′), L2-normalised when the encoder normalises its output.</summary>
    Tensor Embed(Tensor input);
}
