using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Siamese.Encoders;

/// <summary>The module a <see cref="ConvEncoderSpec"/> builds. Its field names are the keys of its saved weights.</summary>
internal sealed class ConvEncoder : Module<Tensor, Tensor>, IInferenceEncoder
{
    private readonly Sequential features;
    private readonly Sequential head;
    private readonly bool normalize;
    private readonly EmbeddingLayer embeddingLayer;

    public ConvEncoder(ConvEncoderSpec spec)
        : base("ConvEncoder")
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long channels = spec.InputChannels;
        long height = spec.InputHeight;
        long width = spec.InputWidth;
        for (int block = 0; block < spec.Channels.Length; block++)
        {
            for (int conv = 0; conv < spec.ConvolutionsPerBlock; conv++)
            {
                string name = $"b{block}c{conv}";
                int k = spec.KernelSizes[block];
                layers.Add(($"{name}_conv", Conv2d(channels, spec.Channels[block], k, padding: k / 2, bias: !spec.BatchNorm)));
                if (spec.BatchNorm)
                {
                    layers.Add(($"{name}_bn", new BatchNormalization(spec.Channels[block])));
                }

                layers.Add(($"{name}_relu", ReLU()));
                channels = spec.Channels[block];
            }

            layers.Add(($"b{block}_pool", MaxPool2d(2)));
            height /= 2;
            width /= 2;
        }

        layers.Add(("flatten", Flatten()));
        features = Sequential(layers);

        long flat = channels * height * width;
        var headLayers = new List<(string, Module<Tensor, Tensor>)>();
        if (spec.HiddenDimension > 0)
        {
            headLayers.Add(("hidden", Linear(flat, spec.HiddenDimension, hasBias: !spec.BatchNorm)));
            if (spec.BatchNorm)
            {
                headLayers.Add(("hidden_bn", new BatchNormalization(spec.HiddenDimension)));
            }

            headLayers.Add(("hidden_relu", ReLU()));
            flat = spec.HiddenDimension;
        }

        if (spec.Dropout > 0)
        {
            headLayers.Add(("dropout", nn.Dropout(spec.Dropout)));
        }

        headLayers.Add(("projection", Linear(flat, spec.EmbeddingDimension)));
        head = Sequential(headLayers);
        normalize = spec.NormalizeOutput;
        embeddingLayer = spec.EmbeddingLayer;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => Run(input, EmbeddingLayer.Projection);

    /// <inheritdoc />
    public Tensor Embed(Tensor input) => Run(input, embeddingLayer);

    /// <summary>The network up to <paramref name="upTo"/>, L2-normalised when the spec asks for it.</summary>
    private Tensor Run(Tensor input, EmbeddingLayer upTo)
    {
        using var scope = NewDisposeScope();
        var embedding = features.forward(input);
        if (upTo == EmbeddingLayer.Projection)
        {
            embedding = head.forward(embedding);
        }
        else if (upTo == EmbeddingLayer.Hidden)
        {
            foreach (var (name, layer) in head.named_children())
            {
                if (name is "projection" or "dropout")
                {
                    continue;
                }

                embedding = ((Module<Tensor, Tensor>)layer).forward(embedding);
            }
        }

        if (normalize)
        {
            embedding = functional.normalize(embedding, p: 2, dim: 1);
        }

        return embedding.MoveToOuterDisposeScope();
    }
}
