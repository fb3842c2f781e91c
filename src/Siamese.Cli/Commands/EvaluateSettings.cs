using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese evaluate</c>.</summary>
public sealed class EvaluateSettings : ModelSettings, IImageDataSettings, ITextPairSettings
{
    /// <inheritdoc />
    [CommandOption("--images <DIR>")]
    [Description("Evaluate on a folder of images, one sub-folder per class, instead of Fashion-MNIST; images are resized to the model's input.")]
    public string? Images { get; init; }

    /// <inheritdoc />
    [CommandOption("--class-depth <N>")]
    [Description("Folder level that names the classes: 1 for root/class/*.png, 2 for root/alphabet/character/*.png.")]
    [DefaultValue(1)]
    public int ClassDepth { get; init; } = 1;

    /// <inheritdoc />
    public string? ImageSize => null;

    /// <inheritdoc />
    public bool Color => false;

    /// <summary>Classes to evaluate on.</summary>
    [CommandOption("--classes <LIST>")]
    [Description("Evaluate on these classes only (names, numbers or ranges); default: the model's unseen test classes when it was trained on some classes only, else all.")]
    public string? Classes { get; init; }

    /// <summary>Episode files to replay.</summary>
    [CommandOption("--episodes <FILE>")]
    [Description("Replay the one-shot trials of an episode file (lines: query<TAB>correct<TAB>other candidates..., paths relative to the file); repeatable.")]
    public string[] Episodes { get; init; } = [];

    /// <summary>Classes per episode.</summary>
    [CommandOption("--way <N>")]
    [Description("N-way K-shot episodes: classes per episode (default: 5, or the number of classes when fewer).")]
    public int? Way { get; init; }

    /// <summary>Support examples per class.</summary>
    [CommandOption("--shots <K>")]
    [Description("N-way K-shot episodes: support examples per class.")]
    [DefaultValue(1)]
    public int Shots { get; init; } = 1;

    /// <summary>Queries per class and episode.</summary>
    [CommandOption("--queries <Q>")]
    [Description("N-way K-shot episodes: queries per class in each episode.")]
    [DefaultValue(1)]
    public int Queries { get; init; } = 1;

    /// <summary>Number of episodes.</summary>
    [CommandOption("--episode-count <N>")]
    [Description("N-way K-shot episodes (and open-set trials) to draw.")]
    [DefaultValue(2000)]
    public int EpisodeCount { get; init; } = 2000;

    /// <summary>Classes enrolled in open-set trials.</summary>
    [CommandOption("--known-classes <N>")]
    [Description("Open-set identification: classes enrolled per trial (default: half the classes); the others are strangers to reject.")]
    public int? KnownClasses { get; init; }

    /// <summary>Target false-accept rate of open-set identification.</summary>
    [CommandOption("--far <RATE>")]
    [Description("Open-set identification: false-accept rate at which the threshold is set.")]
    [DefaultValue(0.01)]
    public double Far { get; init; } = 0.01;

    /// <summary>Embedding map projection.</summary>
    [CommandOption("--map <METHOD>")]
    [Description("2-D map of the test embeddings written to the report: pca, tsne or none.")]
    [DefaultValue("pca")]
    public string Map { get; init; } = "pca";

    /// <summary>Folder with the IDX files.</summary>
    [CommandOption("--data <DIR>")]
    [Description("Folder with train/t10k IDX files (default: $SIAMESE_FASHION_MNIST or /usr/share/datasets/fashion-mnist).")]
    public string? Data { get; init; }

    /// <summary>Evaluate on the pairs of a pair-list file instead of Fashion-MNIST.</summary>
    [CommandOption("--pair-list <FILE>")]
    [Description("Evaluate verification on the image pairs of this file (lines: left<TAB>right<TAB>same|different) instead of Fashion-MNIST.")]
    public string? PairList { get; init; }

    /// <summary>Balanced random test pairs drawn from labelled images.</summary>
    [CommandOption("--test-pairs <N>")]
    [Description("Labelled images: balanced random test pairs for verification (half genuine), as train --test-pairs.")]
    [DefaultValue(10000)]
    public int TestPairs { get; init; } = 10000;

    /// <inheritdoc />
    [CommandOption("--pairs <FILE>")]
    [Description("The CSV/TSV file of labelled text pairs to evaluate a text model on (see --text1, --text2, --label/--score), as train --pairs.")]
    public string? Pairs { get; init; }

    /// <inheritdoc />
    [CommandOption("--text1 <COLUMN>")]
    [Description("Text pairs: column of the first text: its header name, or its number counting from 1 (the first column is 1).")]
    [DefaultValue("sentence1")]
    public string Text1 { get; init; } = "sentence1";

    /// <inheritdoc />
    [CommandOption("--text2 <COLUMN>")]
    [Description("Text pairs: column of the second text: header name or 1-based number.")]
    [DefaultValue("sentence2")]
    public string Text2 { get; init; } = "sentence2";

    /// <inheritdoc />
    [CommandOption("--label <COLUMN>")]
    [Description("Text pairs: column of the binary label (header name or 1-based number; default 'label'), with --same-labels and --different-labels.")]
    public string? Label { get; init; }

    /// <inheritdoc />
    [CommandOption("--score <COLUMN>")]
    [Description("Text pairs: column of a graded score (header name or 1-based number), with --score-range.")]
    public string? Score { get; init; }

    /// <inheritdoc />
    [CommandOption("--score-range <MIN,MAX>")]
    [Description("Text pairs: range of the graded scores, e.g. 0,5.")]
    public string? ScoreRange { get; init; }

    /// <inheritdoc />
    [CommandOption("--same-labels <LIST>")]
    [Description("Text pairs: label values meaning same, comma-separated.")]
    public string? SameLabels { get; init; }

    /// <inheritdoc />
    [CommandOption("--different-labels <LIST>")]
    [Description("Text pairs: label values meaning different, comma-separated.")]
    public string? DifferentLabels { get; init; }

    /// <inheritdoc />
    [CommandOption("--no-header")]
    [Description("Text pairs: the pair files have no header row; choose the columns by number, e.g. for the STS Benchmark files as published: --no-header --text1 6 --text2 7 --score 5 --score-range 0,5.")]
    public bool NoHeader { get; init; }

    /// <inheritdoc />
    [CommandOption("--quoting <MODE>")]
    [Description("Text pairs: none (a tab or line end ends every field, a quote is text; default for tab-separated files) or rfc4180 (a field in double quotes may hold the delimiter, line breaks and doubled quotes; default for other files).")]
    public string? Quoting { get; init; }

    /// <inheritdoc />
    [CommandOption("--delimiter <CHAR>")]
    [Description("Text pairs: tab, comma, semicolon, pipe or one character. Default: tab for .tsv/.tab files or when the first line holds a tab, else comma.")]
    public string? Delimiter { get; init; }

    /// <summary>Baseline to measure beside the model.</summary>
    [CommandOption("--baseline <NAME>")]
    [Description("Text pairs: also measure tfidf (TF-IDF cosine) on the same pairs.")]
    public string? Baseline { get; init; }

    /// <summary>Pairs the baseline is fitted and calibrated on.</summary>
    [CommandOption("--baseline-fit <FILE>")]
    [Description("Text pairs: pair file (same columns; normally the training pairs) whose texts give the baseline its vocabulary and idf and whose pairs calibrate its threshold. Default: the evaluated pairs' own texts, without a threshold.")]
    public string? BaselineFit { get; init; }

    /// <summary>Seed of the pair draw.</summary>
    [CommandOption("--seed <N>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    /// <summary>Neighbours in the k-NN vote.</summary>
    [CommandOption("-k|--neighbours <K>")]
    [Description("Neighbours in the k-NN vote against the training set.")]
    [DefaultValue(1)]
    public int K { get; init; } = 1;

    /// <summary>Skip the k-NN and retrieval part.</summary>
    [CommandOption("--no-gallery")]
    [Description("Skip k-NN classification against the training set.")]
    public bool NoGallery { get; init; }

    /// <summary>Use only the first N test images.</summary>
    [CommandOption("--test-limit <N>")]
    [Description("Evaluate on a stratified subset of this many test images (0: all).")]
    [DefaultValue(0)]
    public int TestLimit { get; init; }

    /// <summary>Report folder.</summary>
    [CommandOption("--report <DIR>")]
    [Description("Folder for metrics.json, roc.png and distances.png (default: <model>.report).")]
    public string? Report { get; init; }

    /// <summary>Replace existing report files.</summary>
    [CommandOption("--force")]
    [Description("Replace existing report files.")]
    public bool Force { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Pairs is not null)
        {
            if (int.TryParse(Pairs, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) && !File.Exists(Pairs))
            {
                return ValidationResult.Error($"--pairs names a text pair file, not a count; for {Pairs} random image test pairs use --test-pairs {Pairs}");
            }

            string? textError = (Images is not null || PairList is not null || Episodes.Length > 0 || Data is not null
                    ? "--pairs FILE evaluates a text model; it does not combine with --data, --images, --pair-list or --episodes"
                    : null)
                ?? TextPairData.LabelError(this)
                ?? (Baseline is not (null or "tfidf") ? $"--baseline must be tfidf, not '{Baseline}'" : null)
                ?? (BaselineFit is not null && Baseline is null ? "--baseline-fit needs --baseline tfidf" : null);
            return textError is null ? base.Validate() : ValidationResult.Error(textError);
        }

        if (TestPairs < 2)
        {
            return ValidationResult.Error($"--test-pairs must be at least 2 (got {TestPairs})");
        }

        if (OptionLimits.FirstExceeded(
                ("--test-pairs", TestPairs, OptionLimits.Pairs),
                ("--episode-count", EpisodeCount, OptionLimits.Episodes),
                ("--shots", Shots, OptionLimits.Episodes),
                ("--queries", Queries, OptionLimits.Episodes)) is { } limitError)
        {
            return ValidationResult.Error(limitError);
        }

        if (K < 1)
        {
            return ValidationResult.Error($"--neighbours must be at least 1 (got {K})");
        }

        string? error = ImageData.Validate(this)
            ?? (Images is not null && PairList is not null ? "--images and --pair-list both choose the data; give one" : null)
            ?? (Episodes.Length > 0 && (PairList is not null || Images is not null) ? "--episodes replays its own images; give it without --pair-list or --images" : null)
            ?? (Way is < 2 ? $"--way must be at least 2 (got {Way})" : null)
            ?? (Shots < 1 || Queries < 1 || EpisodeCount < 1 ? "--shots, --queries and --episode-count must be at least 1" : null)
            ?? (KnownClasses is < 1 ? $"--known-classes must be at least 1 (got {KnownClasses})" : null)
            ?? (Far is < 0 or >= 1 ? $"--far must be in [0, 1) (got {Far})" : null)
            ?? (Map is not ("pca" or "tsne" or "none") ? $"--map must be pca, tsne or none, not '{Map}'" : null)
            ?? (TestLimit < 0 ? "--test-limit must not be negative" : null);
        return error is null ? base.Validate() : ValidationResult.Error(error);
    }
}
