using System.Globalization;
using System.Text;
using Siamese.Data;
using Siamese.Evaluation.Evaluators;
using Siamese.Inputs;
using Siamese.Models;
using Siamese.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Siamese.Cli.Commands;

/// <summary><c>siamese embed</c>: inputs (images, or texts for a text branch) → embeddings TSV, through the chosen side's branch.</summary>
public sealed class EmbedCommand : Command<EmbedSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EmbedSettings settings, CancellationToken cancellationToken)
    {
        CommandSupport.SetUpEngine(settings);
        string output = settings.Output!;
        CommandSupport.EnsureWritable(output, settings.Force);
        using var model = SiameseModel.Load(settings.Model);
        var bundle = model.Bundle;
        var side = model.Side(settings.Side == "second" ? PairSide.Second : PairSide.First);

        // The side's branch says what the inputs are: texts for a text branch, images otherwise.
        if (side.Branch.Input is TextInput)
        {
            return EmbedTexts(side, settings, output);
        }

        if (settings.Texts is not null)
        {
            throw new ArgumentException($"--texts: {settings.Model} is an image model; give image files");
        }

        var input = (ImageInput)side.Branch.Input;
        LabeledImageSet images;
        IReadOnlyList<string> sources;
        if (settings.Split is not null)
        {
            images = FashionMnist.Load(settings.Data, settings.Split == "train" ? FashionMnistSplit.Train : FashionMnistSplit.Test);
            if (settings.Limit > 0 && settings.Limit < images.Count)
            {
                images = images.Take(settings.Limit);
            }

            CommandSupport.CheckInputShape(input, images.Channels, images.Height, images.Width, settings.Data ?? FashionMnist.DefaultDirectory);
            sources = Enumerable.Range(0, images.Count).Select(i => $"{settings.Split}:{i}").ToArray();
        }
        else
        {
            images = LabeledImageSet.FromImageFiles(settings.Images, input.Channels, input.Height, input.Width);
            sources = settings.Images;
        }

        using var scope = NewDisposeScope();
        var embeddings = side.Side == PairSide.First
            ? TwinEvaluator.EmbedAll(bundle.Network, images, input.Normalization)
            : bundle.Network.Embed(images.ToTensor(input.Normalization), PairSide.Second);
        var values = embeddings.data<float>().ToArray();
        int dimension = (int)embeddings.shape[1];
        AtomicFile.Write(output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write("source\tlabel");
            for (int d = 0; d < dimension; d++)
            {
                writer.Write($"\te{d}");
            }

            writer.WriteLine();
            for (int i = 0; i < images.Count; i++)
            {
                writer.Write(sources[i].Replace('\t', ' '));
                writer.Write('\t');
                writer.Write(images.Labels[i] == LabeledImageSet.Unlabeled ? "" : images.Labels[i].ToString(CultureInfo.InvariantCulture));
                for (int d = 0; d < dimension; d++)
                {
                    writer.Write('\t');
                    writer.Write(values[(i * dimension) + d].ToString("R", CultureInfo.InvariantCulture));
                }

                writer.WriteLine();
            }
        });
        AnsiConsole.MarkupLine($"Wrote {images.Count} embeddings of dimension {dimension} to [bold]{Markup.Escape(output)}[/].");
        return 0;
    }

    private static int EmbedTexts(BranchEmbedder side, EmbedSettings settings, string output)
    {
        if (settings.Split is not null)
        {
            throw new ArgumentException($"--split: {settings.Model} is a text model; give texts as arguments or --texts FILE");
        }

        IReadOnlyList<string> texts = settings.Texts is { } file ? TextListFile.Read(file) : settings.Images;
        if (settings.Texts is null)
        {
            CommandSupport.RefuseImageFilesAsTexts(texts, settings.Model);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        float[][] rows;
        using (NewDisposeScope())
        {
            rows = CommandSupport.Rows(side.EmbedTensor(texts));
        }

        double seconds = clock.Elapsed.TotalSeconds;
        int dimension = rows[0].Length;
        AtomicFile.Write(output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.WriteLine("text\t" + string.Join('\t', Enumerable.Range(0, dimension).Select(d => $"e{d}")));
            for (int i = 0; i < texts.Count; i++)
            {
                writer.Write(OneLine(texts[i]));
                foreach (float value in rows[i])
                {
                    writer.Write('\t');
                    writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                }

                writer.WriteLine();
            }
        });
        AnsiConsole.MarkupLine($"Wrote {texts.Count} text embeddings of dimension {dimension} ({settings.Side} side) to [bold]{Markup.Escape(output)}[/]; {texts.Count / Math.Max(1e-9, seconds):F0} texts/s.");
        return 0;
    }

    /// <summary>A text on one TSV field: tabs and line breaks become spaces.</summary>
    internal static string OneLine(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
