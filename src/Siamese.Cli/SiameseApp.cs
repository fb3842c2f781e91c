using System.Runtime.InteropServices;
using Siamese.Cli.Commands;
using Siamese.Data;
using Siamese.Gallery;
using Siamese.Persistence;
using Siamese.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli;

/// <summary>Builds the command tree and turns failures into one-line errors with a non-zero exit code.</summary>
public static class SiameseApp
{
    /// <summary>Exit code for bad input: options, files, data.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a training run that diverged.</summary>
    public const int Diverged = 3;

    /// <summary>Exit code for a training run stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code for an error inside libtorch that no check of ours caught first (a bug to report).</summary>
    public const int InternalError = 70;

    /// <summary>Runs <paramref name="args"/>; a stack trace is printed only with --verbose.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where output goes (tests pass their own); null for the terminal.</param>
    /// <param name="errors">Where the one-line error goes: standard error by default, or <paramref name="console"/> when one is given.</param>
    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? errors = null)
    {
        if (console is not null)
        {
            AnsiConsole.Console = console;
        }
        else if (Console.IsOutputRedirected && Environment.GetEnvironmentVariable("COLUMNS") is null)
        {
            // Spectre wraps at 80 columns when it cannot ask a terminal; a log or a pipe reads better unwrapped.
            AnsiConsole.Console.Profile.Width = 250;
        }

        bool verbose = args.Contains("--verbose");
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("siamese");
            config.ConfigureConsole(AnsiConsole.Console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.SetInterceptor(new FiniteNumberOptions());
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train a twin network on labelled images (Fashion-MNIST by default), or a twin or pseudo-Siamese text network on text pairs (--pairs), calibrate its threshold, evaluate it and save the model.")
                .WithExample("train")
                .WithExample("train", "--epochs", "4", "--output", "models/quick.siamese", "--force")
                .WithExample("train", "--distance", "cosine", "--loss", "contrastive", "--margin", "0.2", "--positive-margin", "0.9")
                .WithExample("train", "--loss", "npair", "--distance", "cosine", "--epochs", "4", "--output", "models/npair.siamese")
                .WithExample("train", "--loss", "triplet", "--miner", "batch-hard", "--batch-size", "256", "--samples-per-class", "32")
                .WithExample("train", "--train-classes", "0-5", "--loss", "prototypical", "--distance", "squared-l2", "--batch-size", "192", "--output", "models/oneshot.siamese")
                .WithExample("train", "--pairs", "data/wordnet/sentence-pairs/train.tsv", "--same-labels", "same", "--different-labels", "different", "--test-file", "data/wordnet/sentence-pairs/test.tsv", "--baseline", "tfidf")
                .WithExample("train", "--pairs", "pairs.csv", "--text1", "title", "--text2", "body", "--score", "score", "--score-range", "0,5", "--encoder", "lstm", "--second-encoder", "cnn")
                .WithExample("train", "--images", "data/omniglot", "--class-depth", "2", "--image-size", "52", "--class-fraction", "0.75", "--augment", "--loss", "bce", "--distance", "weighted-l1");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("Measure a model on labelled test images (Fashion-MNIST or a class folder): ROC/AUC/EER, accuracy at the calibrated threshold, k-NN, P@1 and MAP@R, N-way K-shot accuracy and open-set identification on classes it never saw; replays episode files; writes metrics.json, PNG plots and an embedding map.")
                .WithExample("evaluate", "--model", "models/fashion-mnist.siamese")
                .WithExample("evaluate", "--model", "m.siamese", "--pairs", "20000", "--report", "reports/m")
                .WithExample("evaluate", "--model", "models/oneshot.siamese", "--classes", "6-9", "--way", "4", "--shots", "1", "--map", "tsne")
                .WithExample("evaluate", "--model", "m.siamese", "--images", "data/faces", "--known-classes", "20", "--far", "0.01")
                .WithExample("evaluate", "--model", "models/sentences.siamese", "--pairs", "test.tsv", "--same-labels", "same", "--different-labels", "different", "--baseline", "tfidf", "--baseline-fit", "train.tsv")
                .WithExample("evaluate", "--model", "m.siamese", "--episodes", "runs/run01.txt", "--episodes", "runs/run02.txt");
            config.AddCommand<EmbedCommand>("embed")
                .WithDescription("Write the embeddings of image files, or of a Fashion-MNIST split, to a TSV file.")
                .WithExample("embed", "--model", "m.siamese", "--output", "shirt.tsv", "shirt1.png", "shirt2.png")
                .WithExample("embed", "--model", "m.siamese", "--split", "test", "--output", "test.tsv")
                .WithExample("embed", "--model", "models/sentences.siamese", "--texts", "sentences.txt", "--output", "sentences.tsv");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Compare two images: their distance and whether they are the same by the model's calibrated threshold.")
                .WithExample("compare", "--model", "m.siamese", "a.png", "b.png")
                .WithExample("compare", "--model", "models/sentences.siamese", "the ___ of the wine", "the sulfurous ___ of garlic");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Text models: rank candidate texts (one per line) against each query text, closest first.")
                .WithExample("search", "--model", "models/wordnet.siamese", "--candidates", "definitions.txt", "--top", "5", "a large body of water")
                .WithExample("search", "--model", "m.siamese", "--candidates", "answers.txt", "--queries", "questions.txt", "--output", "hits.tsv");
            config.AddCommand<EnrollCommand>("enroll")
                .WithDescription("Store the embeddings of image files in a gallery under one label; creates the gallery when missing, refuses another model's gallery.")
                .WithExample("enroll", "--model", "m.siamese", "--gallery", "gallery.db", "--label", "alice", "alice1.png", "alice2.png")
                .WithExample("enroll", "--model", "m.siamese", "--gallery", "gallery.db", "--label", "bob", "--new", "--force", "bob.png");
            config.AddCommand<IdentifyCommand>("identify")
                .WithDescription("Find the closest enrolled labels of each image and name it, or call it unknown when nothing passes the threshold.")
                .WithExample("identify", "--model", "m.siamese", "--gallery", "gallery.db", "query.png")
                .WithExample("identify", "--model", "m.siamese", "--gallery", "gallery.db", "--top", "5", "--threshold", "0.8", "--output", "results.tsv", "a.png", "b.png");
            config.AddCommand<VerifyCommand>("verify")
                .WithDescription("Check an image against a claimed label: accept or reject (exit code 0 for both; 2 for bad input).")
                .WithExample("verify", "--model", "m.siamese", "--gallery", "gallery.db", "--label", "alice", "door-camera.png");
            config.AddBranch("gallery", gallery =>
            {
                gallery.SetDescription("Inspect or change a gallery file: list its labels, remove a label.");
                gallery.AddCommand<GalleryListCommand>("list")
                    .WithDescription("Show the model a gallery serves (fingerprint, dimension, distance) and its labels with their counts.")
                    .WithExample("gallery", "list", "--gallery", "gallery.db");
                gallery.AddCommand<GalleryRemoveCommand>("remove")
                    .WithDescription("Remove every entry of one label.")
                    .WithExample("gallery", "remove", "--gallery", "gallery.db", "--label", "alice");
            });
            config.AddCommand<DoctorCommand>("doctor")
                .WithDescription("Show how the tensor engine is set up (threads, oneDNN instruction-set cap, NNPACK) and check that its convolutions compute right and repeatably on this machine; exit code 1 when a check fails.")
                .WithExample("doctor")
                .WithExample("doctor", "--threads", "2");
            config.AddCommand<ExportCommand>("export-images")
                .WithDescription("Write Fashion-MNIST images as PNG files (to try compare and embed on real pictures).")
                .WithExample("export-images", "--split", "test", "--count", "20", "--output", "samples");
        });

        try
        {
            return app.Run(args);
        }
        catch (OperationCanceledException ex)
        {
            WriteError(ex, args, verbose, console, errors);
            return Interrupted;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            WriteError(ex, args, verbose, console, errors);
            return BadInput;
        }
        catch (TrainingDivergedException ex)
        {
            WriteError(ex, args, verbose, console, errors);
            return Diverged;
        }
        catch (ExternalException ex)
        {
            // An allocation libtorch refused means the options asked for more memory than the machine has; anything
            // else from libtorch got past every check of ours and is a bug to report.
            string first = ex.Message.Split('\n')[0].Trim();
            bool memory = ex.Message.Contains("can't allocate memory", StringComparison.Ordinal);
            WriteError(memory
                ? new InsufficientMemoryException($"libtorch could not allocate the memory this run needs ({first}); use a smaller --batch-size, smaller images or a narrower network", ex)
                : new InvalidOperationException($"internal error in libtorch: {first}; run again with --verbose and report it", ex),
                args, verbose, console, errors);
            return memory ? BadInput : InternalError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else got past every check of ours: one line all the same (the trace with --verbose), never a crash.
            WriteError(new InvalidOperationException($"internal error: {ErrorMessages.For(ex, args, Verbs)}; run again with --verbose and report it", ex),
                args, verbose, console, errors);
            return InternalError;
        }
        catch (OutOfMemoryException ex)
        {
            WriteError(new InsufficientMemoryException("ran out of memory; use a smaller --batch-size, smaller images or a narrower network", ex),
                args, verbose, console, errors);
            return BadInput;
        }
    }

    /// <summary>Each verb with its settings type, for error messages that name options.</summary>
    internal static IReadOnlyDictionary<string, Type> Verbs { get; } = new Dictionary<string, Type>
    {
        ["train"] = typeof(TrainSettings),
        ["evaluate"] = typeof(EvaluateSettings),
        ["embed"] = typeof(EmbedSettings),
        ["compare"] = typeof(CompareSettings),
        ["search"] = typeof(SearchSettings),
        ["enroll"] = typeof(EnrollSettings),
        ["identify"] = typeof(IdentifySettings),
        ["verify"] = typeof(VerifySettings),
        ["gallery list"] = typeof(GalleryListSettings),
        ["gallery remove"] = typeof(GalleryRemoveSettings),
        ["doctor"] = typeof(DoctorSettings),
        ["export-images"] = typeof(ExportSettings),
    };

    private static bool IsUserError(Exception ex) => ex is CommandAppException or DataFormatException or ModelBundleException or GalleryException
        or ArgumentException or IOException or UnauthorizedAccessException or FormatException;

    private static void WriteError(
        Exception ex, string[] args, bool verbose, IAnsiConsole? console, TextWriter? errors)
    {
        string line = $"error: {ErrorMessages.For(ex, args, Verbs)}";
        if (errors is null && console is not null)
        {
            // One line whatever the console's width: written as text, not as markup that Spectre would wrap.
            console.Profile.Out.Writer.WriteLine(line);
            if (verbose)
            {
                console.WriteException(ex);
            }

            return;
        }

        var writer = errors ?? Console.Error;
        writer.WriteLine(line);
        if (verbose)
        {
            writer.WriteLine(ex.ToString());
        }
    }
}
