using System.ComponentModel;
using System.Text.Json.Nodes;
using Siamese.Distances;
using Siamese.Encoders;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>: the network options (encoder, layers, distance, embedding layer).</summary>
public sealed partial class TrainSettings
{
    /// <summary>The layer that gives the embeddings after training.</summary>
    [CommandOption("--embed-layer <LAYER>")]
    [Description("CNN layer whose output is the embedding after training: projection (what the loss trains), hidden, or features (last convolutional block); inner layers recognise unseen classes better.")]
    [DefaultValue("projection")]
    public string EmbedLayer { get; init; } = "projection";

    /// <summary>Encoder family as given, or null for the default of the data (cnn for images, lstm for text).</summary>
    [CommandOption("--encoder <KIND>")]
    [Description("Encoder: cnn or mlp for images (default cnn); lstm, gru or cnn for text pairs (default lstm).")]
    public string? EncoderOption { get; init; }

    /// <summary>The encoder family: as given, else cnn for images and lstm for text.</summary>
    public string Encoder => EncoderOption ?? (IsText ? "lstm" : "cnn");

    /// <summary>CNN: channels of each block, comma-separated.</summary>
    [CommandOption("--channels <LIST>")]
    [Description("CNN: output channels of each block, comma-separated; one block per entry.")]
    [DefaultValue("32,64,128")]
    public string Channels { get; init; } = "32,64,128";

    /// <summary>CNN: kernel size of each block, comma-separated.</summary>
    [CommandOption("--kernel-sizes <LIST>")]
    [Description("CNN: odd kernel size of each block, comma-separated (one per block; default 3,3,3). Text CNN: one parallel convolution per width (default 1,3,5).")]
    public string? KernelSizesOption { get; init; }

    /// <summary>Kernel sizes as given, else the default of the data.</summary>
    public string KernelSizes => KernelSizesOption ?? (IsText ? "1,3,5" : "3,3,3");

    /// <summary>CNN: convolutions per block.</summary>
    [CommandOption("--convs-per-block <N>")]
    [Description("CNN: convolutions in each block before its 2x2 max-pool.")]
    [DefaultValue(1)]
    public int ConvolutionsPerBlock { get; init; } = 1;

    /// <summary>Hidden fully connected units (CNN) or hidden layers (MLP).</summary>
    [CommandOption("--hidden <LIST>")]
    [Description("Hidden fully connected units: one number for the CNN (0 for none; default 256), a comma-separated list for the MLP. Text: the LSTM/GRU state size per direction, or the text CNN's filters per width (default 128).")]
    public string? HiddenOption { get; init; }

    /// <summary>Hidden units as given, else the default of the data.</summary>
    public string Hidden => HiddenOption ?? (IsText ? "128" : "256");

    /// <summary>Batch normalisation.</summary>
    [CommandOption("--batch-norm <BOOL>")]
    [Description("Batch normalisation after each convolution and hidden layer (true/false).")]
    [DefaultValue(true)]
    public bool BatchNorm { get; init; } = true;

    /// <summary>Dropout before the projection.</summary>
    [CommandOption("--dropout <P>")]
    [DefaultValue(0.0)]
    public double Dropout { get; init; }

    /// <summary>Embedding length.</summary>
    [CommandOption("--embedding-dim <N>")]
    [Description("Length of the embedding vector.")]
    [DefaultValue(64)]
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Whether embeddings are L2-normalised.</summary>
    [CommandOption("--normalize <BOOL>")]
    [Description("L2-normalise the embeddings (true/false).")]
    [DefaultValue(true)]
    public bool Normalize { get; init; } = true;

    /// <summary>Distance name.</summary>
    [CommandOption("--distance <NAME>")]
    [Description("Distance: l1, l2, squared-l2, cosine, dot, exp-l1 (MaLSTM), weighted-l1 (default l2 for images, cosine for text).")]
    public string? DistanceOption { get; init; }

    /// <summary>The distance: as given, else l2 for images and cosine for text.</summary>
    public string Distance => DistanceOption ?? (IsText ? "cosine" : "l2");

    /// <summary>Parses "32,64" into [32, 64]; null when it is not a list of whole numbers.</summary>
    internal static int[]? ParseList(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>The encoder architecture these settings describe, for inputs of the given shape (validated unless told not to, when the shape is a placeholder).</summary>
    public EncoderSpec ToEncoderSpec(int channels, int height, int width, bool validate = true)
    {
        // The options every image encoder may take, by their JSON names; each encoder reads the ones it has.
        int[] hidden = ParseList(Hidden)!;
        var settings = new JsonObject
        {
            ["inputChannels"] = channels, ["inputHeight"] = height, ["inputWidth"] = width,
            ["embeddingDimension"] = EmbeddingDimension, ["normalizeOutput"] = Normalize,
            ["channels"] = new JsonArray([.. ParseList(Channels)!.Select(c => (JsonNode)c)]),
            ["kernelSizes"] = new JsonArray([.. ParseList(KernelSizes)!.Select(k => (JsonNode)k)]),
            ["convolutionsPerBlock"] = ConvolutionsPerBlock,
            ["hiddenDimensions"] = new JsonArray([.. hidden.Select(h => (JsonNode)h)]),
            ["hiddenDimension"] = hidden.Length == 1 ? hidden[0] : null,
            ["batchNorm"] = BatchNorm, ["dropout"] = Dropout, ["embeddingLayer"] = EmbedLayer,
        };
        if (Encoder == "cnn" && hidden.Length != 1)
        {
            throw new ArgumentException("--hidden: the CNN takes one number");
        }

        var spec = EncoderCatalog.Create(Encoder, settings, Siamese.Persistence.ModelBundle.JsonOptions);
        if (validate)
        {
            spec.Validate();
        }

        return spec;
    }

    /// <summary>The first problem with the network options (encoder, layers, distance, embedding layer), or null.</summary>
    private string? ModelError()
    {
        if (!IsText && !EncoderCatalog.ImageNames.Contains(Encoder))
        {
            return $"--encoder must be {string.Join(" or ", EncoderCatalog.ImageNames)}, not '{Encoder}'";
        }

        if (!Siamese.Distances.Distance.Names.Contains(Distance))
        {
            return $"--distance must be one of {string.Join(", ", Siamese.Distances.Distance.Names)}, not '{Distance}'";
        }

        if (ParseList(Channels) is null || ParseList(KernelSizes) is null || ParseList(Hidden) is null)
        {
            return "--channels, --kernel-sizes and --hidden take comma-separated whole numbers, e.g. 32,64";
        }

        if (EmbeddingDimension < 1)
        {
            return "--embedding-dim must be at least 1";
        }

        if (EmbedLayer is not ("projection" or "hidden" or "features"))
        {
            return $"--embed-layer must be projection, hidden or features, not '{EmbedLayer}'";
        }

        if (EmbedLayer != "projection" && (Encoder != "cnn" || Siamese.Distances.Distance.IsLearned(Distance)))
        {
            return $"--embed-layer {EmbedLayer} needs the cnn encoder and a fixed distance (the learned {WeightedL1Similarity.DistanceName} head only scores the projection)";
        }

        return null;
    }
}
