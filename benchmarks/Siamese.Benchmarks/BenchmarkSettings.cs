using System.Globalization;
using System.Text.Json;
using Siamese.Encoders;

namespace Siamese.Benchmarks;

/// <summary>
/// What one benchmark run does, from the command line. The architecture starts from
/// <see cref="ConvEncoderSpec"/>'s defaults; <c>--arch-json</c> replaces it and the per-field flags
/// change single fields, applied in command-line order (the last one wins).
/// </summary>
internal sealed record BenchmarkSettings
{
    public const string Usage = """
        Siamese.Benchmarks: trains a twin CNN on Fashion-MNIST pairs and reports throughput and memory.

        usage: Siamese.Benchmarks [options]
          --steps N            timed optimisation steps in all (default 300; a multiple of --epochs)
          --epochs E           epochs the timed steps are split into (default 3)
          --batch B            pairs per step (default 128)
          --threads T          libtorch intra-op threads (default 2)
          --warmup W           untimed steps before the timed run (default 5)
          --seed S             seed of weights and pair sampling (default 1)
          --data DIR           Fashion-MNIST folder (default: SIAMESE_FASHION_MNIST or /usr/share/datasets/fashion-mnist)
        architecture (ConvEncoderSpec; defaults are the spec's own):
          --arch-json JSON     the whole spec, e.g. '{"Channels":[32,64],"KernelSizes":[3,3],"HiddenDimension":256}'
          --channels 32,64     output channels of each block
          --kernels 3,3        kernel size of each block
          --convs-per-block N  convolutions per block
          --hidden N           hidden fully connected units (0 for none)
          --embedding N        embedding dimension
          --batchnorm BOOL     batch normalisation after each convolution and the hidden layer
          --normalize BOOL     unit-length embeddings
          --dropout P          dropout before the projection
        """;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public int Steps { get; init; } = 300;

    public int Epochs { get; init; } = 3;

    public int Batch { get; init; } = 128;

    public int Threads { get; init; } = 2;

    public int WarmupSteps { get; init; } = 5;

    public int Seed { get; init; } = 1;

    public string? DataDirectory { get; init; }

    public ConvEncoderSpec Architecture { get; init; } = new();

    public bool ShowHelp { get; init; }

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (option is "-h" or "--help")
            {
                return settings with { ShowHelp = true };
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"option {option} needs a value");
            }

            string value = args[++i];
            var arch = settings.Architecture;
            settings = option switch
            {
                "--steps" => settings with { Steps = Positive(option, value) },
                "--epochs" => settings with { Epochs = Positive(option, value) },
                "--batch" => settings with { Batch = Positive(option, value) },
                "--threads" => settings with { Threads = Positive(option, value) },
                "--warmup" => settings with { WarmupSteps = Integer(option, value, minimum: 0) },
                "--seed" => settings with { Seed = Integer(option, value, minimum: int.MinValue) },
                "--data" => settings with { DataDirectory = value },
                "--arch-json" => settings with { Architecture = ParseArchitecture(value) },
                "--channels" => settings with { Architecture = arch with { Channels = IntegerList(option, value) } },
                "--kernels" => settings with { Architecture = arch with { KernelSizes = IntegerList(option, value) } },
                "--convs-per-block" => settings with { Architecture = arch with { ConvolutionsPerBlock = Positive(option, value) } },
                "--hidden" => settings with { Architecture = arch with { HiddenDimension = Integer(option, value, minimum: 0) } },
                "--embedding" => settings with { Architecture = arch with { EmbeddingDimension = Positive(option, value) } },
                "--batchnorm" => settings with { Architecture = arch with { BatchNorm = Boolean(option, value) } },
                "--normalize" => settings with { Architecture = arch with { NormalizeOutput = Boolean(option, value) } },
                "--dropout" => settings with { Architecture = arch with { Dropout = Fraction(option, value) } },
                _ => throw new ArgumentException($"unknown option {option}; see --help"),
            };
        }

        if (settings.Steps % settings.Epochs != 0)
        {
            throw new ArgumentException($"--steps ({settings.Steps}) must be a multiple of --epochs ({settings.Epochs})");
        }

        if (settings.Batch < 2)
        {
            throw new ArgumentException("--batch must be at least 2 pairs");
        }

        settings.Architecture.Validate();
        return settings;
    }

    /// <summary>One line naming every architecture field, in the same form as the Python peer prints it.</summary>
    public string DescribeArchitecture()
    {
        var a = Architecture;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"channels={string.Join(',', a.Channels)} kernels={string.Join(',', a.KernelSizes)} convs_per_block={a.ConvolutionsPerBlock} " +
            $"hidden={a.HiddenDimension} embedding={a.EmbeddingDimension} batchnorm={Lower(a.BatchNorm)} normalize={Lower(a.NormalizeOutput)} dropout={a.Dropout}");
    }

    private static string Lower(bool value) => value ? "true" : "false";

    private static ConvEncoderSpec ParseArchitecture(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConvEncoderSpec>(json, JsonOptions)
                ?? throw new ArgumentException("--arch-json must be a JSON object, not null");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"--arch-json is not a valid ConvEncoderSpec: {ex.Message}", ex);
        }
    }

    private static int Positive(string option, string value) => Integer(option, value, minimum: 1);

    private static int Integer(string option, string value, int minimum)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) || result < minimum)
        {
            throw new ArgumentException($"{option} needs an integer of at least {minimum}, not '{value}'");
        }

        return result;
    }

    private static int[] IntegerList(string option, string value) =>
        value.Split(',', StringSplitOptions.TrimEntries).Select(part => Positive(option, part)).ToArray();

    private static bool Boolean(string option, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"{option} needs true or false, not '{value}'"),
    };

    private static double Fraction(string option, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) || result is < 0 or >= 1)
        {
            throw new ArgumentException($"{option} needs a number in [0, 1), not '{value}'");
        }

        return result;
    }
}
