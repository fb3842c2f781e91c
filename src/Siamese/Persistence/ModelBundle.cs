using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Siamese.Data;
using Siamese.Distances;
using Siamese.Engine;
using Siamese.Networks;

namespace Siamese.Persistence;

/// <summary>
/// A trained model as one self-describing file: a zip holding siamese.json (<see cref="ModelConfig"/>:
/// architecture, distance, input shape and normalisation, threshold, label convention, format
/// version) and weights.bin (the encoder's weights in TorchSharp's format). Loading needs no code or
/// flags from the user; saving is atomic and never replaces a file unless asked to.
/// </summary>
public sealed class ModelBundle
{
    /// <summary>Name of the configuration entry inside the zip.</summary>
    public const string ConfigEntry = "siamese.json";

    /// <summary>Name of the weights entry inside the zip.</summary>
    public const string WeightsEntry = "weights.bin";

    /// <summary>
    /// Name of the entry holding the second branch's weights (only for pseudo-Siamese networks); with
    /// <see cref="ModelConfig.ShareWordVectors"/> it leaves out the word-vector table, which weights.bin holds for both branches.
    /// </summary>
    public const string SecondWeightsEntry = "second-weights.bin";

    /// <summary>Name of the entry holding a learned distance's weights (only for learned distances such as weighted-l1).</summary>
    public const string HeadEntry = "head.bin";

    /// <summary>Largest siamese.json accepted, in bytes (4 MiB); a model description takes a few kilobytes.</summary>
    public const int MaxConfigBytes = 4 << 20;

    /// <summary>The weights part of the encoder (a pseudo-Siamese network's first branch).</summary>
    public const string EncoderPart = "encoder";

    /// <summary>The weights part of a pseudo-Siamese network's second branch.</summary>
    public const string SecondEncoderPart = "second-encoder";

    /// <summary>The weights part of a learned distance's head.</summary>
    public const string HeadPart = "head";

    /// <summary>JSON settings of siamese.json.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowOutOfOrderMetadataProperties = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { Encoders.EncoderCatalog.AddPolymorphism } },
    };

    /// <summary>Pairs a configuration with the network it describes.</summary>
    public ModelBundle(ModelConfig config, TwinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(network);
        if (config.Distance != network.Distance.Name)
        {
            throw new ArgumentException($"config names distance '{config.Distance}' but the network uses '{network.Distance.Name}'");
        }

        if ((config.SecondEncoder is null) == network.IsPseudoSiamese)
        {
            throw new ArgumentException(network.IsPseudoSiamese
                ? "the network is pseudo-Siamese but the config describes no second encoder"
                : "the config describes a second encoder but the network is a twin");
        }

        Config = config;
        Network = network;
    }

    /// <summary>The self-description.</summary>
    public ModelConfig Config { get; }

    /// <summary>The network, with its weights.</summary>
    public TwinNetwork Network { get; }

    /// <summary>
    /// Identifies the model that makes the embeddings: the SHA-256 (lower-case hex) of its architecture,
    /// distance, input specification, tokenizer (text models) and current weights. Two bundles give the same embeddings exactly when
    /// their fingerprints match, so galleries and caches of embeddings record it and refuse other models.
    /// Retraining, even from the same seed on another machine, may change it; copying or renaming the file does not.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var identity = new { Config.Encoder, Config.Distance, Input = Config.ReadsImages ? Config.Input : InputSpec.NoImages };
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(identity, JsonOptions));
            if (Config.Tokenizer is not null)
            {
                // Text models: the tokenizer decides the ids, so it is part of what the embeddings depend on.
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(Config.Tokenizer, JsonOptions));
            }

            if (Config.SecondEncoder is not null)
            {
                // Pseudo-Siamese models only, so twin fingerprints (and the galleries that record them) stay as they were.
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new { Config.SecondEncoder, Config.ShareWordVectors }, JsonOptions));
            }

            foreach (var part in WeightsParts(Network, Config, manifest: null))
            {
                // Module.save closes its stream; MemoryStream.ToArray still works after that.
                var weights = new MemoryStream();
                part.Module.save(weights, part.Shared);
                hash.AppendData(weights.ToArray());
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>Creates a fresh, randomly initialised network for a configuration.</summary>
    /// <exception cref="ArgumentException">The configuration is not valid (<see cref="ModelConfig.Validate"/>) or its parts do not fit together.</exception>
    public static TwinNetwork CreateNetwork(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        TorchEngine.EnsureInitialized();
        foreach (var spec in new[] { config.Encoder, config.SecondEncoder })
        {
            if (spec is Encoders.ITokenEncoderSpec text
                && (config.Tokenizer is null || config.Tokenizer.VocabularySize != text.VocabularySize))
            {
                throw new ArgumentException(config.Tokenizer is null
                    ? "a text encoder needs the tokenizer settings that made its ids"
                    : $"the tokenizer makes {config.Tokenizer.VocabularySize} ids but the text encoder has {text.VocabularySize}");
            }
        }

        if (config.ShareWordVectors && config.SecondEncoder is null)
        {
            throw new ArgumentException("shared word vectors are for pseudo-Siamese networks; the config has no second encoder");
        }

        if (config.SecondEncoder is { } secondSpec)
        {
            if (secondSpec.EmbeddingDimension != config.Encoder.EmbeddingDimension)
            {
                throw new ArgumentException($"the two branches must embed to one length; the first gives {config.Encoder.EmbeddingDimension}, the second {secondSpec.EmbeddingDimension}");
            }

            static bool InnerLayer(Encoders.EncoderSpec spec) =>
                spec.OutputDimension != spec.EmbeddingDimension || spec is Encoders.ConvEncoderSpec { EmbeddingLayer: not Encoders.EmbeddingLayer.Projection };
            if (InnerLayer(config.Encoder) || InnerLayer(secondSpec))
            {
                throw new ArgumentException("the branches of a pseudo-Siamese network share one space only at their projections; an inner embedding layer cannot be compared across branches");
            }

            if (Distance.IsLearned(config.Distance))
            {
                throw new ArgumentException($"the learned distance '{config.Distance}' is for twin networks; a pseudo-Siamese network takes a fixed distance");
            }

            var first = config.Encoder.Build();
            var second = !config.ShareWordVectors ? secondSpec.Build()
                : secondSpec is Encoders.TextEncoderSpec secondText && config.Encoder is Encoders.TextEncoderSpec ? secondText.BuildSharingWordVectors(first)
                : throw new ArgumentException("shared word vectors need a text encoder on both sides");
            return new TwinNetwork(first, second, Distance.Create(config.Distance, config.Encoder.EmbeddingDimension));
        }

        if (Distance.IsLearned(config.Distance) && config.Encoder.OutputDimension != config.Encoder.EmbeddingDimension)
        {
            throw new ArgumentException($"the learned distance '{config.Distance}' scores the encoder's projection, but the encoder embeds from an inner layer");
        }

        return new TwinNetwork(config.Encoder.Build(), Distance.Create(config.Distance, config.Encoder.EmbeddingDimension));
    }

    /// <summary>
    /// Writes the bundle to <paramref name="path"/> through a temporary file in the same folder and a
    /// rename, so a crash never leaves a half-written model behind.
    /// </summary>
    /// <param name="path">Destination file.</param>
    /// <param name="overwrite">Replace an existing file; without it an existing file is an error.</param>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public void Save(string path, bool overwrite)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"{path}: already exists; use --force to replace it");
        }

        string? folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        AtomicFile.Write(full, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            var parts = WeightsParts(Network, Config, manifest: null).ToList();
            using (var stream = zip.CreateEntry(ConfigEntry, CompressionLevel.Optimal).Open())
            {
                var written = Config with
                {
                    FormatVersion = ModelConfig.CurrentFormatVersion,
                    Weights = parts.ConvertAll(p => new WeightsPartEntry(p.Part, p.Entry)),
                    Input = Config.ReadsImages ? Config.Input : null,
                };
                JsonSerializer.Serialize(stream, written, JsonOptions);
            }

            foreach (var part in parts)
            {
                using var stream = zip.CreateEntry(part.Entry, CompressionLevel.Fastest).Open();
                part.Module.save(stream, part.Shared);
            }
        });
    }

    /// <summary>Reads a bundle written by <see cref="Save"/>.</summary>
    /// <remarks>
    /// Nothing is taken on trust: siamese.json is read up to <see cref="MaxConfigBytes"/> and must have the shape of a
    /// <see cref="ModelConfig"/> and pass <see cref="ModelConfig.Validate"/> before any module is built; each weights entry
    /// must hold exactly the bytes its architecture saves to, is read no further than that whatever the zip declares, and
    /// must hold finite values only.
    /// </remarks>
    /// <exception cref="ModelBundleException">
    /// Missing file, not a bundle, a newer format, a description that is malformed or out of limits, damaged entries, weights
    /// that do not fit the architecture, or weights that are not finite.
    /// </exception>
    public static ModelBundle Load(string path)
    {
        switch (FileType.Of(path))
        {
            case FileType.Kind.Missing:
                throw new ModelBundleException(path, "model file not found");
            case FileType.Kind.Directory:
                throw new ModelBundleException(path, "is a folder; expected a model file (.siamese)");
            case FileType.Kind.Special:
                // Opening a named pipe would block until a writer came.
                throw new ModelBundleException(path, FileType.NotRegular("a model file (.siamese)"));
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelBundleException(path, "not a Siamese model bundle (expected a zip file holding siamese.json and weights.bin)", ex);
        }

        using (zip)
        {
            var configEntry = zip.GetEntry(ConfigEntry)
                ?? throw new ModelBundleException(path, $"not a Siamese model bundle (the zip has no {ConfigEntry})");
            ModelConfig config = ReadConfig(path, configEntry);
            var manifest = ManifestOf(path, config);
            string encoderEntry = manifest?[EncoderPart] ?? WeightsEntry;
            if (zip.GetEntry(encoderEntry) is null)
            {
                // Checked before the configuration is built, so a bundle without weights says so first.
                throw MissingEntry(path, encoderEntry, neededBy: null);
            }

            TwinNetwork network;
            try
            {
                network = CreateNetwork(config);
            }
            catch (ArgumentException ex)
            {
                throw new ModelBundleException(path, $"invalid model configuration: {PlainMessage(ex)}", ex);
            }

            try
            {
                foreach (var part in WeightsParts(network, config, manifest))
                {
                    LoadPart(path, zip, part);
                }
            }
            catch
            {
                network.Dispose();
                throw;
            }

            network.eval();
            return new ModelBundle(config, network);
        }
    }

    /// <summary>
    /// The weights entries of a network, each once, in the order <see cref="Save"/> writes them and
    /// <see cref="Fingerprint"/> hashes them (a file format and the fingerprint of every saved model: keep it):
    /// the encoder, then the second encoder of a pseudo-Siamese network, then a learned distance's head.
    /// A tensor two entries share (the word-vector table of <see cref="ModelConfig.ShareWordVectors"/>) is stored
    /// and hashed once, with the first branch; the network CreateNetwork builds already shares it on load.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="config">Its configuration.</param>
    /// <param name="manifest">The entry of each part by name, as a format-2 bundle lists them; null for the fixed entries (format 1, and what Save writes).</param>
    private static IEnumerable<WeightsPart> WeightsParts(TwinNetwork network, ModelConfig config, IReadOnlyDictionary<string, string>? manifest)
    {
        string EntryOf(string part, string fixedEntry) => manifest is null ? fixedEntry : manifest[part];
        yield return new WeightsPart(EncoderPart, EntryOf(EncoderPart, WeightsEntry), network.Encoder, NeededBy: null);
        if (network.SecondEncoder is { } second)
        {
            var shared = config.ShareWordVectors ? SharedKeys(second, network.Encoder) : null;
            yield return new WeightsPart(SecondEncoderPart, EntryOf(SecondEncoderPart, SecondWeightsEntry), second, "the second branch of this pseudo-Siamese network", shared);
        }

        if (network.Head is { } head)
        {
            yield return new WeightsPart(HeadPart, EntryOf(HeadPart, HeadEntry), head, $"the learned distance '{config.Distance}'");
        }
    }

    /// <summary>
    /// A format-2 bundle's entry of each weights part by name, checked against the parts its architecture has; null for
    /// a format-1 bundle, whose entries are fixed.
    /// </summary>
    private static Dictionary<string, string>? ManifestOf(string path, ModelConfig config)
    {
        if (config.Weights is null)
        {
            return config.FormatVersion >= 2
                ? throw new ModelBundleException(path, $"{ConfigEntry}: a format-{config.FormatVersion} bundle lists its weight parts in \"weights\"; it is missing")
                : null;
        }

        string[] needed = [EncoderPart, .. config.SecondEncoder is null ? Array.Empty<string>() : [SecondEncoderPart], .. Distance.IsLearned(config.Distance) ? [HeadPart] : Array.Empty<string>()];
        var manifest = new Dictionary<string, string>();
        foreach (var (part, entry) in config.Weights)
        {
            if (!needed.Contains(part))
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: weights part '{part}' is not part of this architecture (it has {string.Join(", ", needed)})");
            }

            if (string.IsNullOrWhiteSpace(entry) || entry == ConfigEntry || !manifest.TryAdd(part, entry) || manifest.Values.Count(e => e == entry) > 1)
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: weights part '{part}' is listed twice, shares an entry, or names no entry of its own ('{entry}')");
            }
        }

        if (needed.FirstOrDefault(part => !manifest.ContainsKey(part)) is { } missing)
        {
            throw new ModelBundleException(path, $"{ConfigEntry}: \"weights\" lists no entry for the {missing} part");
        }

        return manifest;
    }

    /// <summary>The state keys of <paramref name="module"/> whose tensors are <paramref name="owner"/>'s own (found by identity, not by name).</summary>
    private static List<string> SharedKeys(TorchSharp.torch.nn.Module module, TorchSharp.torch.nn.Module owner)
    {
        var owned = owner.state_dict().Values.Select(tensor => tensor.Handle).ToHashSet();
        return [.. module.state_dict().Where(entry => owned.Contains(entry.Value.Handle)).Select(entry => entry.Key)];
    }

    /// <summary>
    /// Loads every state entry of <paramref name="module"/> but <paramref name="shared"/>, as strictly as
    /// <c>load(strict: true)</c> loads them all: that count check would refuse weights saved without the shared
    /// keys, so the keys read are checked here instead: each of the others once, nothing else.
    /// </summary>
    /// <remarks>
    /// No skip list is passed: TorchSharp reads a skipped tensor at whatever size its header declares, while a tensor it
    /// loads must have the module's shape first. A shared key found in the weights is thus read at its own size, and refused.
    /// </remarks>
    /// <exception cref="ArgumentException">The weights hold other keys than the module's own minus the shared ones.</exception>
    private static void LoadAllBut(TorchSharp.torch.nn.Module module, BinaryReader weights, IList<string> shared)
    {
        var read = new Dictionary<string, bool>();
        module.load(weights, strict: false, loadedParameters: read);
        var expected = module.state_dict().Keys.Except(shared).Order().ToList();
        if (!read.Keys.Order().SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"Mismatched state_dict: expected {string.Join(", ", expected)} (not {string.Join(", ", shared)}, which the first branch holds), but found {string.Join(", ", read.Keys)}");
        }
    }

    private static ModelBundleException MissingEntry(string path, string name, string? neededBy) =>
        new(path, neededBy is null ? $"the bundle has no {name}" : $"the bundle has no {name}, which {neededBy} needs");

    /// <summary>
    /// Loads one weights entry into its module: the entry must declare exactly the bytes the module saves to, is read
    /// through a stream that stops there (the declared length may lie), and must hold finite values only.
    /// </summary>
    private static void LoadPart(string path, ZipArchive zip, WeightsPart part)
    {
        var entry = zip.GetEntry(part.Entry) ?? throw MissingEntry(path, part.Entry, part.NeededBy);
        long expected = SavedLength(part);
        if (entry.Length != expected)
        {
            throw DoNotFit(path, $"{part.Entry} holds {entry.Length} bytes, the architecture needs {expected}");
        }

        try
        {
            using var stream = new BoundedReadStream(entry.Open(), expected, () => DoNotFit(path, $"{part.Entry} holds more than the {expected} bytes it declares"));
            using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                if (part.Shared is null)
                {
                    part.Module.load(reader, strict: true);
                }
                else
                {
                    LoadAllBut(part.Module, reader, part.Shared);
                }
            }

            if (stream.BytesRead != expected)
            {
                throw DoNotFit(path, $"{part.Entry} held {stream.BytesRead} bytes of weights where the architecture needs {expected}");
            }

            stream.RequireEnd();
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(path, part.Entry, ex);
        }
        catch (Exception ex) when (ex is ArgumentException or EndOfStreamException or IOException or InvalidOperationException or FormatException or OverflowException
            or OutOfMemoryException)
        {
            // OutOfMemoryException: TorchSharp makes an array for the number of dimensions a tensor header declares before
            // comparing shapes; a header declaring billions is refused here like any other header that does not fit.
            throw DoNotFit(path, ex switch
            {
                ArgumentException argument => PlainMessage(argument),
                EndOfStreamException => $"{part.Entry} ends before its weights do",
                _ => $"{part.Entry} is garbled (a tensor header cannot be read)",
            }, ex);
        }

        RequireFinite(path, part);
    }

    /// <summary>The bytes <paramref name="part"/>'s module saves to, counted without keeping them.</summary>
    private static long SavedLength(WeightsPart part)
    {
        using var counter = new ByteCounter();
        part.Module.save(counter, part.Shared);
        return counter.Length;
    }

    /// <summary>Throws naming the entry and the first tensor of <paramref name="part"/>'s own that holds NaN or an infinity.</summary>
    private static void RequireFinite(string path, WeightsPart part)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        foreach (var (key, tensor) in part.Module.state_dict())
        {
            if (part.Shared?.Contains(key) != true && tensor.is_floating_point() && !tensor.isfinite().all().item<bool>())
            {
                throw new ModelBundleException(path, $"{part.Entry}: weights hold NaN or infinity (tensor \"{key}\")");
            }
        }
    }

    private static ModelBundleException DoNotFit(string path, string detail, Exception? inner = null) =>
        new(path, $"the weights do not fit the architecture in {ConfigEntry}: {detail}", inner);

    private static ModelBundleException Damaged(string path, string entry, InvalidDataException inner) =>
        new(path, $"{entry} is damaged: the zip data cannot be read", inner);

    /// <summary>An argument exception's message without the parameter name .NET appends and any lines after the first.</summary>
    private static string PlainMessage(ArgumentException ex)
    {
        string line = ex.Message.Split('\n')[0];
        return ex.ParamName is null ? line : line.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// One weights entry: its part's name, its name in the zip, the module whose weights it holds, what needs it (named when it is
    /// missing), and the module's keys it leaves out because an earlier entry holds their tensors (null: none).
    /// </summary>
    private sealed record WeightsPart(string Part, string Entry, TorchSharp.torch.nn.Module Module, string? NeededBy, IList<string>? Shared = null);

    private static ModelConfig ReadConfig(string path, ZipArchiveEntry entry)
    {
        if (entry.Length > MaxConfigBytes)
        {
            throw new ModelBundleException(path, $"{ConfigEntry} holds {entry.Length} bytes; a model description is at most {MaxConfigBytes}");
        }

        JsonDocument document;
        try
        {
            using var stream = new BoundedReadStream(entry.Open(), MaxConfigBytes,
                () => new ModelBundleException(path, $"{ConfigEntry} holds more than the {MaxConfigBytes} bytes a model description may have"));
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new ModelBundleException(path, $"{ConfigEntry} is not valid JSON{(ex.LineNumber is { } line ? $" (line {line + 1})" : "")}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(path, ConfigEntry, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format)
                || (format.ValueKind == JsonValueKind.String && format.GetString() != "Siamese"))
            {
                throw new ModelBundleException(path, $"not a Siamese model bundle ({ConfigEntry} lacks \"format\": \"Siamese\")");
            }

            if (format.ValueKind != JsonValueKind.String)
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: \"format\" must be the string \"Siamese\", not {ConfigShape.Kind(format)}");
            }

            if (!root.TryGetProperty("formatVersion", out var versionElement))
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: \"formatVersion\" is missing");
            }

            if (ConfigShape.FirstMismatch(versionElement, typeof(int), "formatVersion") is { } versionMismatch)
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: {versionMismatch}");
            }

            int version = versionElement.GetInt32();
            if (version < 1)
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: \"formatVersion\" must be at least 1, not {version}");
            }

            if (version > ModelConfig.CurrentFormatVersion)
            {
                throw new ModelBundleException(path,
                    $"bundle format version {version} is newer than this Siamese supports ({ModelConfig.CurrentFormatVersion}); upgrade Siamese to load it");
            }

            // The shape first, in words naming the field; then the serializer, which then meets only values of the right kinds.
            if (ConfigShape.FirstMismatch(root, typeof(ModelConfig)) is { } mismatch)
            {
                throw new ModelBundleException(path, $"{ConfigEntry}: {mismatch}");
            }

            ModelConfig config;
            try
            {
                config = root.Deserialize<ModelConfig>(JsonOptions)
                    ?? throw new ModelBundleException(path, $"{ConfigEntry} is empty");
            }
            catch (ArgumentException ex)
            {
                // A value its type refuses, e.g. a normalization whose standard deviation is not positive.
                throw new ModelBundleException(path, $"{ConfigEntry} does not describe a model: {PlainMessage(ex)}", ex);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                throw new ModelBundleException(path, $"{ConfigEntry} does not describe a model", ex);
            }

            if (config.Input is null && config.ReadsImages)
            {
                // Optional only for models that read texts alone; said as the shape check says it for required fields.
                throw new ModelBundleException(path, $"{ConfigEntry}: {(root.TryGetProperty("input", out _) ? "\"input\" must be an object, not null" : "\"input\" is missing")}");
            }

            return config;
        }
    }

    /// <summary>A write-only stream that keeps nothing and counts the bytes written to it.</summary>
    private sealed class ByteCounter : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position
        {
            get => length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;

        public override void WriteByte(byte value) => length++;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
