using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Siamese.Encoders;

/// <summary>The module an <see cref="MlpEncoderSpec"/> builds. Its field names are the keys of its saved weights.</summary>
internal sealed class MlpEncoder : Module<Tensor, Tensor>
{
    private readonly Sequential layers;
    private readonly bool normalize;

    public MlpEncoder(MlpEncoderSpec spec)
        : base("MlpEncoder")
    {
        var list = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        long width = (long)spec.InputChannels * spec.InputHeight * spec.InputWidth;
        for (int i = 0; i < spec.HiddenDimensions.Length; i++)
        {
            list.Add(($"h{i}_linear", Linear(width, spec.HiddenDimensions[i], hasBias: !spec.BatchNorm)));
            if (spec.BatchNorm)
            {
                list.Add(($"h{i}_bn", new BatchNormalization(spec.HiddenDimensions[i])));
            }

            list.Add(($"h{i}_relu", ReLU()));
            if (spec.Dropout > 0)
            {
                list.Add(($"h{i}_dropout", nn.Dropout(spec.Dropout)));
            }

            width = spec.HiddenDimensions[i];
        }

        list.Add(("projection", Linear(width, spec.EmbeddingDimension)));
        layers = Sequential(list);
        normalize = spec.NormalizeOutput;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var embedding = layers.forward(input);
        if (normalize)
        {
            embedding = functional.normalize(embedding, p: 2, dim: 1);
        }

        return embedding.MoveToOuterDisposeScope();
    }
}
