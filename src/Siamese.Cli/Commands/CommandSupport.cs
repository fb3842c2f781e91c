using Siamese.Data;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Gallery;
using Siamese.Models;
using Siamese.Persistence;
using Siamese.Text;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary>Set-up shared by the verbs.</summary>
internal static class CommandSupport
{
    /// <summary>What identify prints for an image that matches no enrolled label closely enough.</summary>
    public const string UnknownLabel = "unknown";

    /// <summary>Loads the engine and applies --threads.</summary>
    public static void SetUpEngine(CommonSettings settings)
    {
        TorchEngine.EnsureInitialized();
        if (settings.Threads > 0)
        {
            TorchEngine.Threads = settings.Threads;
        }
    }

    /// <summary>
    /// Refuses to replace <paramref name="path"/> unless forced, and refuses a folder, device or pipe there even when
    /// forced (checked now, not after a long run).
    /// </summary>
    public static void EnsureWritable(string path, bool force)
    {
        AtomicFile.CheckDestination(path);
        if (!force && File.Exists(path))
        {
            throw new IOException($"{path}: already exists; use --force to replace it");
        }
    }

    /// <summary>Bytes a training step is taken to need per activation value (measured: about 11 on the default CNN).</summary>
    public const int TrainingBytesPerActivation = 16;

    /// <summary>
    /// Refuses a training step whose activations alone would not fit in this machine's memory (an estimate from the
    /// network's shape; 80 % of the memory .NET sees, which honours a container's limit), before any work: past that
    /// the kernel's out-of-memory killer would end the run with no message.
    /// </summary>
    public static void CheckStepMemory(int inputsPerStep, long activationValuesPerInput)
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        double needed = (double)inputsPerStep * activationValuesPerInput * TrainingBytesPerActivation;
        if (needed > 0.8 * available)
        {
            throw new ArgumentException(
                $"--batch-size {inputsPerStep}: one training step would need about {needed / (1L << 30):F1} GiB for activations " +
                $"({inputsPerStep} inputs x {activationValuesPerInput} values x {TrainingBytesPerActivation} bytes), more than 80 % of this machine's " +
                $"{available / (double)(1L << 30):F1} GiB; use a smaller --batch-size, smaller images or fewer channels");
        }
    }

    /// <summary>What the model's images are (shape and normalisation); a clear error for a model whose branches read texts.</summary>
    public static ImageInput ImageInputOf(ModelBundle bundle, string modelPath)
    {
        var branches = new SiameseModel(bundle).Branches;
        if (branches.Any(b => b.Input is ImageInput) && branches.Any(b => b.Input is not ImageInput))
        {
            throw new ArgumentException($"{modelPath}: this model reads texts on one side and images on the other; this needs a model whose sides both read images");
        }

        if (branches.Any(b => b.Input is not ImageInput))
        {
            throw new ArgumentException($"{modelPath}: this is a text model; it compares texts (compare \"text a\" \"text b\", embed, search, evaluate --pairs FILE), not images");
        }

        return (ImageInput)branches[0].Input;
    }

    /// <summary>
    /// Refuses texts for a text model that are all image files on disk: a user who passes pictures to a text model
    /// means images, and comparing the file names as words would answer a question nobody asked.
    /// </summary>
    public static void RefuseImageFilesAsTexts(IReadOnlyList<string> texts, string modelPath)
    {
        if (texts.Count > 0 && texts.All(t => ImageFolder.IsImageFile(t) && File.Exists(t)))
        {
            throw new ArgumentException(
                $"{modelPath}: this is a text model and compares texts, but '{texts[0]}' is an image file; pass the texts themselves " +
                "(or --texts FILE to embed), or use an image model");
        }
    }

    /// <summary>The tokenizer settings of a model whose branches read texts; a clear error for an image model.</summary>
    public static TokenizerSettings TextTokenizerOf(ModelBundle bundle)
    {
        var branches = new SiameseModel(bundle).Branches;
        if (branches.Any(b => b.Input is not TextInput))
        {
            throw new ArgumentException("this is an image model; text pairs need a model trained with 'siamese train --pairs'");
        }

        return ((TextInput)branches[0].Input).Tokenizer;
    }

    /// <summary>
    /// Everything <paramref name="gallery"/> holds, read-only, ready to search with the model's distance; another
    /// model's gallery is refused.
    /// </summary>
    public static GallerySearch LoadGallery(string gallery, ModelBundle bundle)
    {
        using var store = GalleryStore.Open(gallery, GalleryIdentity.Of(bundle), readOnly: true);
        return new GallerySearch(store.LoadAll(), bundle.Network.Distance);
    }

    /// <summary>Refuses data whose images do not have the shape the model was trained on.</summary>
    public static void CheckInputShape(ImageInput input, int channels, int height, int width, string source)
    {
        if (input.Channels != channels || input.Height != height || input.Width != width)
        {
            throw new ArgumentException(
                $"{source}: images are {channels}x{height}x{width} but the model expects {input.Channels}x{input.Height}x{input.Width}");
        }
    }

    /// <summary>
    /// Embeds raw inputs through the model's first side, as its branch reads them (image files resized to its input, or
    /// the texts themselves; image files given to a text model are refused): an (N, D) tensor in the caller's dispose scope.
    /// </summary>
    public static Tensor EmbedInputs(ModelBundle bundle, IReadOnlyList<string> inputs, string modelPath)
    {
        var side = new Siamese.Models.SiameseModel(bundle).Side(Siamese.Inputs.PairSide.First);
        if (side.Branch.Input is TextInput)
        {
            RefuseImageFilesAsTexts(inputs, modelPath);
        }

        return side.EmbedTensor(inputs);
    }

    /// <summary>The rows of an (N, D) tensor as arrays.</summary>
    public static float[][] Rows(Tensor embeddings)
    {
        int dimension = (int)embeddings.shape[1];
        var values = embeddings.cpu().data<float>().ToArray();
        return Enumerable.Range(0, (int)embeddings.shape[0]).Select(i => values.AsSpan(i * dimension, dimension).ToArray()).ToArray();
    }

    /// <summary>
    /// The threshold a gallery decision uses: <paramref name="given"/> (--threshold) or else the model's calibrated one.
    /// </summary>
    /// <exception cref="ArgumentException">Neither exists.</exception>
    public static double GalleryThreshold(double? given, ModelBundle bundle, string modelPath) =>
        given ?? bundle.Config.Threshold?.Value
        ?? throw new ArgumentException($"{modelPath}: the model has no calibrated threshold; pass --threshold");

    /// <summary>How a threshold reads for a distance: "&lt;= 0.8 (l2, calibrated best-accuracy)".</summary>
    public static string DescribeThreshold(double threshold, bool given, ModelBundle bundle)
    {
        var distance = bundle.Network.Distance;
        string origin = given ? "--threshold" : $"calibrated, {bundle.Config.Threshold?.Criterion}";
        return $"{(distance.LargerIsCloser ? ">=" : "<=")} {threshold:G6} ({distance.Name}; {origin})";
    }

    /// <summary>"1 entry", "2 entries": a count with the noun in the right number.</summary>
    public static string Count(int count, string singular, string plural) =>
        $"{count} {(count == 1 ? singular : plural)}";

    /// <summary>Refuses gallery labels that are empty, padded, hold control characters or read as "unknown".</summary>
    public static Spectre.Console.ValidationResult ValidateLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return Spectre.Console.ValidationResult.Error("--label is required: the name to enroll or check");
        }

        if (label.Any(char.IsControl) || char.IsWhiteSpace(label[0]) || char.IsWhiteSpace(label[^1]))
        {
            return Spectre.Console.ValidationResult.Error("--label must not hold tabs or line breaks, nor start or end with spaces");
        }

        return label == UnknownLabel
            ? Spectre.Console.ValidationResult.Error($"--label {UnknownLabel} is reserved: identify prints it for images that match nobody")
            : Spectre.Console.ValidationResult.Success();
    }
}
