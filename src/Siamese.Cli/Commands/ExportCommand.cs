using Siamese.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese export-images</c>: Fashion-MNIST images → PNG files named index_class.png.</summary>
public sealed class ExportCommand : Command<ExportSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var images = FashionMnist.Load(settings.Data, settings.Split == "train" ? FashionMnistSplit.Train : FashionMnistSplit.Test);
        int count = Math.Min(settings.Count, images.Count);
        Directory.CreateDirectory(settings.Output);
        for (int i = 0; i < count; i++)
        {
            string name = FashionMnist.ClassNames[images.Labels[i]].Replace('/', '-').Replace(' ', '-');
            string path = Path.Combine(settings.Output, $"{settings.Split}-{i:D5}-{name}.png");
            CommandSupport.EnsureWritable(path, settings.Force);
            ImageFileWriter.WriteGrayscalePng(path, images.GetImage(i), images.Height, images.Width);
        }

        AnsiConsole.MarkupLine($"Wrote {count} PNG files to [bold]{Markup.Escape(settings.Output)}[/].");
        return 0;
    }
}
