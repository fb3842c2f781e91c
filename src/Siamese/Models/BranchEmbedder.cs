using Microsoft.Extensions.AI;
using Siamese.Data;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Persistence;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Models;

/// <summary>
/// One side of a loaded model as an embedding generator: raw inputs (image file paths for an image branch, the
/// texts themselves for a text branch) in, the embeddings that side compares with out, each made once with the
/// bundle's own preprocessing. Use the generators of one <see cref="SiameseModel"/>; they share its network and
/// are not thread-safe (TorchSharp modules are not).
/// </summary>
public sealed class BranchEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly TwinNetwork network;
    private readonly HashingTokenizer? tokenizer;
    private readonly Lazy<EmbeddingGeneratorMetadata> metadata;

    /// <param name="network">The model's network.</param>
    /// <param name="side">The side embedded as.</param>
    /// <param name="branch">The branch that side goes through.</param>
    /// <param name="modelId">The model's fingerprint, asked for only when an embedding or the metadata needs it (it hashes every weight).</param>
    internal BranchEmbedder(TwinNetwork network, PairSide side, ModelBranch branch, Lazy<string> modelId)
    {
        this.network = network;
        Side = side;
        Branch = branch;
        tokenizer = branch.Input is TextInput text ? new HashingTokenizer(text.Tokenizer) : null;
        metadata = new(() => new EmbeddingGeneratorMetadata("siamese", null, modelId.Value, branch.Encoder.OutputDimension));
    }

    /// <summary>The pair side this generator embeds as.</summary>
    public PairSide Side { get; }

    /// <summary>The branch the side goes through.</summary>
    public ModelBranch Branch { get; }

    /// <summary>Embeds the inputs synchronously, one row per input: (N, D), outside any dispose scope of the caller's.</summary>
    /// <exception cref="DataFormatException">An image file is missing or cannot be decoded.</exception>
    public Tensor EmbedTensor(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var scope = NewDisposeScope();
        Tensor embeddings;
        if (tokenizer is not null)
        {
            embeddings = TextEmbedder.Embed(network, tokenizer, values, Side);
        }
        else
        {
            var input = (ImageInput)Branch.Input;
            var images = LabeledImageSet.FromImageFiles(values, input.Channels, input.Height, input.Width);
            embeddings = network.Embed(images.ToTensor(input.Normalization), Side);
        }

        return embeddings.MoveToOuterDisposeScope();
    }

    /// <summary>Embeds the inputs, each as its own <see cref="Embedding{T}"/> of the model's dimension.</summary>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();
        var list = values as IReadOnlyList<string> ?? values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(list.Count);
        if (list.Count == 0)
        {
            return Task.FromResult(result);
        }

        using var scope = NewDisposeScope();
        var embeddings = EmbedTensor(list).contiguous();
        float[] flat = embeddings.data<float>().ToArray();
        int dimension = (int)embeddings.shape[1];
        var created = DateTimeOffset.UtcNow;
        for (int i = 0; i < list.Count; i++)
        {
            result.Add(new Embedding<float>(flat.AsMemory(i * dimension, dimension)) { ModelId = metadata.Value.DefaultModelId, CreatedAt = created });
        }

        return Task.FromResult(result);
    }

    /// <summary>The generator's metadata, the branch, the side or the network when asked for; null otherwise.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata.Value
            : serviceType == typeof(ModelBranch) ? Branch
            : serviceType == typeof(TwinNetwork) ? network
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="SiameseModel"/> owns the network.</summary>
    public void Dispose()
    {
    }
}
