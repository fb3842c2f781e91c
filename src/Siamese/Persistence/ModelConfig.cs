using Siamese.Calibration;
using Siamese.Encoders;
using Siamese.Inputs;

namespace Siamese.Persistence;

/// <summary>
/// The self-description stored as siamese.json in a model bundle: everything needed to rebuild and
/// use the model without code or flags from the user.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>
    /// The bundle format this library writes (3: a model whose branches all read texts stores no <see cref="Input"/>;
    /// 2: siamese.json names the weight parts and their entries, <see cref="Weights"/>; 1: the entries were fixed).
    /// Bundles with a larger number are refused; formats 1 and 2 still load.
    /// </summary>
    public const int CurrentFormatVersion = 3;

    /// <summary>Bundle format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Always "Siamese"; tells a bundle from other zip files.</summary>
    public string Format { get; init; } = "Siamese";

    /// <summary>When the bundle was written (UTC, ISO 8601).</summary>
    public string Created { get; init; } = "";

    /// <summary>The encoder architecture (of the first branch, for a pseudo-Siamese network).</summary>
    public required EncoderSpec Encoder { get; init; }

    /// <summary>
    /// The second branch's encoder of a pseudo-Siamese network (unshared weights, possibly another kind); null (absent
    /// from the JSON) for a twin, whose branches share <see cref="Encoder"/>. Both branches embed to the same length.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EncoderSpec? SecondEncoder { get; init; }

    /// <summary>
    /// Pseudo-Siamese text models: the two text encoders share one word-vector table and keep their own sequence
    /// models and projections (absent from the JSON when false).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ShareWordVectors { get; init; }

    /// <summary>Name of the distance that scores pairs (see <see cref="Distances.Distance.FromName"/>).</summary>
    public required string Distance { get; init; }

    /// <summary>Length of the embeddings the model hands out (see <see cref="EncoderSpec.OutputDimension"/>).</summary>
    public int EmbeddingDimension => Encoder.OutputDimension;

    /// <summary>
    /// Shape and normalisation of the images the image branches read; null (absent from the JSON) for a model whose
    /// branches all read texts (format-1 and -2 bundles of text models stored an unused 0x0x0 here, still accepted).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public InputSpec? Input { get; init; }

    /// <summary>Whether a branch reads images (its encoder is not an <see cref="ITokenEncoderSpec"/>), so that <see cref="Input"/> is needed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ReadsImages => Encoder is not ITokenEncoderSpec || SecondEncoder is { } second && second is not ITokenEncoderSpec;

    /// <summary>How texts become subword ids, for text models (an <see cref="ITokenEncoderSpec"/> encoder); null for image models.</summary>
    public Text.TokenizerSettings? Tokenizer { get; init; }

    /// <summary>
    /// The model as branches: one serving both sides for a twin, one per side (first, then second) for a pseudo-Siamese
    /// network, each with its encoder and what it reads: an <see cref="ImageInput"/> (shape and normalisation) for an
    /// encoder of images, a <see cref="TextInput"/> (the tokenizer) for one that reads token ids (<see cref="ITokenEncoderSpec"/>).
    /// The bundle stores them as <see cref="Encoder"/>, <see cref="SecondEncoder"/>, <see cref="Input"/> and <see cref="Tokenizer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A text branch without <see cref="Tokenizer"/>.</exception>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ModelBranch> Branches => SecondEncoder is { } second
        ? [new ModelBranch([PairSide.First], Encoder, InputOf(Encoder)), new ModelBranch([PairSide.Second], second, InputOf(second))]
        : [new ModelBranch([PairSide.First, PairSide.Second], Encoder, InputOf(Encoder))];

    /// <summary>Parts the branches share: the word vectors when <see cref="ShareWordVectors"/>; empty for most models.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<BranchTie> Ties => ShareWordVectors ? [BranchTie.WordVectors] : [];

    /// <summary>Calibrated decision threshold, or null when the model was never calibrated.</summary>
    public DecisionThreshold? Threshold { get; init; }

    /// <summary>
    /// How pair labels and scores are to be read, in words; written by the library so that anyone
    /// opening the file sees the convention.
    /// </summary>
    public string LabelConvention { get; init; } = "";

    /// <summary>
    /// Format 2: the bundle's weight parts by name with the zip entry of each, in the order they are stored and
    /// fingerprinted; written by <see cref="ModelBundle.Save"/>, null (absent) in format-1 bundles, whose entries are fixed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WeightsPartEntry>? Weights { get; init; }

    /// <summary>How the model was trained.</summary>
    public TrainingInfo? Training { get; init; }

    /// <summary>
    /// Checks that the description can be built and used, before any module is: each encoder's settings and sizes within
    /// their limits (<see cref="EncoderSpec.Validate"/>), the tokenizer's, an input shape within its limits that is the one
    /// the image encoders take, a known distance, and a finite threshold for that distance's direction.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem, in one line naming the part ("encoder: ...", "input: ...").</exception>
    public void Validate()
    {
        if (Encoder is null || Distance is null || (ReadsImages && (Input is null || Input.Normalization is null)))
        {
            throw new ArgumentException("the configuration needs an encoder, an input with its normalization, and a distance");
        }

        Within("encoder", Encoder.Validate);
        if (SecondEncoder is not null)
        {
            Within("second encoder", SecondEncoder.Validate);
        }

        if (Tokenizer is not null)
        {
            Within("tokenizer", Tokenizer.Validate);
        }

        if (Input is not null)
        {
            Within("input", Input.Validate);
        }

        foreach (var (spec, name) in new[] { (Encoder, "encoder"), (SecondEncoder, "second encoder") })
        {
            // Text encoders take ids, not images: their image fields are unused.
            if (spec is not null and not ITokenEncoderSpec && Input is not null
                && (spec.InputChannels, spec.InputHeight, spec.InputWidth) != (Input.Channels, Input.Height, Input.Width))
            {
                throw new ArgumentException(
                    $"the input is {Input.Channels}x{Input.Height}x{Input.Width} but the {name} takes {spec.InputChannels}x{spec.InputHeight}x{spec.InputWidth}");
            }
        }

        if (!Distances.Distance.Names.Contains(Distance))
        {
            throw new ArgumentException($"unknown distance {Quote(Distance)}; expected one of {string.Join(", ", Distances.Distance.Names)}");
        }

        if (Threshold is { } threshold)
        {
            if (!double.IsFinite(threshold.Value))
            {
                throw new ArgumentException("the threshold must be a finite number");
            }

            bool largerIsCloser = Distances.Distance.IsLearned(Distance) || Distances.Distance.FromName(Distance).LargerIsCloser;
            if (threshold.LargerIsCloser != largerIsCloser)
            {
                throw new ArgumentException(
                    $"the threshold is for {(threshold.LargerIsCloser ? "similarities (larger is closer)" : "distances (smaller is closer)")} but '{Distance}' gives {(largerIsCloser ? "similarities" : "distances")}");
            }
        }
    }

    /// <summary>What a branch with <paramref name="encoder"/> reads.</summary>
    private BranchInput InputOf(EncoderSpec encoder) => encoder is ITokenEncoderSpec
        ? new TextInput(Tokenizer ?? throw new ArgumentException("a text branch needs the tokenizer settings that made its ids"))
        : Input is { } image ? new ImageInput(image.Channels, image.Height, image.Width, image.Normalization)
        : throw new ArgumentException("an image branch needs the input shape and normalization it was trained with");

    /// <summary>Describes the label and score convention for a distance.</summary>
    public static string DescribeConvention(string distance, bool largerIsCloser) =>
        $"pairs are labelled 'same' (genuine: same class or identity) or 'different' (impostor), never 0/1; " +
        $"scores are '{distance}' {(largerIsCloser ? "similarities: larger" : "distances: smaller")} means closer; " +
        $"a pair is judged 'same' when its score is {(largerIsCloser ? ">=" : "<=")} the threshold";

    /// <summary>Runs <paramref name="validate"/>, prefixing the part's name to its message.</summary>
    private static void Within(string part, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{part}: {ex.Message}", ex);
        }
    }

    /// <summary>Text from a file, quoted for a message: at most 40 characters, control characters shown as '?'.</summary>
    private static string Quote(string text)
    {
        const int Limit = 40;
        var shown = new string([.. text.Take(Limit).Select(c => char.IsControl(c) ? '?' : c)]);
        return $"\"{shown}{(text.Length > Limit ? "..." : "")}\"";
    }
}
