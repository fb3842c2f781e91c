using Siamese.Engine;
using Siamese.Persistence;

namespace Siamese.Cli.Commands;

/// <summary>Set-up shared by the verbs.</summary>
internal static class CommandSupport
{
    /// <summary>Loads the engine and applies --threads.</summary>
    public static void SetUpEngine(CommonSettings settings)
    {
        TorchEngine.EnsureInitialized();
        if (settings.Threads > 0)
        {
            TorchEngine.Threads = settings.Threads;
        }
    }

    /// <summary>Refuses to replace <paramref name="path"/> unless forced.</summary>
    public static void EnsureWritable(string path, bool force)
    {
        if (!force && File.Exists(path))
        {
            throw new IOException($"{path}: already exists; use --force to replace it");
        }
    }

    /// <summary>Refuses data whose images do not have the shape the model was trained on.</summary>
    public static void CheckInputShape(ModelConfig config, int channels, int height, int width, string source)
    {
        var input = config.Input;
        if (input.Channels != channels || input.Height != height || input.Width != width)
        {
            throw new ArgumentException(
                $"{source}: images are {channels}x{height}x{width} but the model expects {input.Channels}x{input.Height}x{input.Width}");
        }
    }
}
