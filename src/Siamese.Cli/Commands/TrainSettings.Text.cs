using System.ComponentModel;
using Siamese.Encoders;
using Siamese.Losses;
using Spectre.Console.Cli;

namespace Siamese.Cli.Commands;

/// <summary>Options of <c>siamese train</c>: the text pair options (columns, labels, text encoders, tokenizer).</summary>
public sealed partial class TrainSettings
{
    /// <inheritdoc />
    [CommandOption("--pairs <FILE>")]
    [Description("Train a text model on the pairs of this CSV/TSV file (UTF-8; a header row unless --no-header); choose its columns with --text1, --text2 and --label or --score.")]
    public string? Pairs { get; init; }

    /// <inheritdoc />
    [CommandOption("--text1 <COLUMN>")]
    [Description("Text pairs: column of the first text (the query, the word, the title): its header name, or its number counting from 1 (the first column is 1).")]
    [DefaultValue("sentence1")]
    public string Text1 { get; init; } = "sentence1";

    /// <inheritdoc />
    [CommandOption("--text2 <COLUMN>")]
    [Description("Text pairs: column of the second text (the candidate, the definition, the body): header name or 1-based number.")]
    [DefaultValue("sentence2")]
    public string Text2 { get; init; } = "sentence2";

    /// <inheritdoc />
    [CommandOption("--label <COLUMN>")]
    [Description("Text pairs: column of the binary label (header name or 1-based number; default 'label'); state its values with --same-labels and --different-labels.")]
    public string? Label { get; init; }

    /// <inheritdoc />
    [CommandOption("--score <COLUMN>")]
    [Description("Text pairs: column of a graded similarity score (header name or 1-based number); declare its range with --score-range.")]
    public string? Score { get; init; }

    /// <inheritdoc />
    [CommandOption("--score-range <MIN,MAX>")]
    [Description("Text pairs: range of the graded scores, e.g. 0,5; they are rescaled to [[0, 1]].")]
    public string? ScoreRange { get; init; }

    /// <inheritdoc />
    [CommandOption("--same-labels <LIST>")]
    [Description("Text pairs: label values meaning same, comma-separated, e.g. 1,duplicate.")]
    public string? SameLabels { get; init; }

    /// <inheritdoc />
    [CommandOption("--different-labels <LIST>")]
    [Description("Text pairs: label values meaning different, comma-separated, e.g. 0,unrelated.")]
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

    /// <summary>Validation pair file.</summary>
    [CommandOption("--validation-file <FILE>")]
    [Description("Text pairs: held-out pairs (same columns) for choosing the epoch and calibrating the threshold; default: --validation-fraction of --pairs.")]
    public string? ValidationFile { get; init; }

    /// <summary>Test pair file.</summary>
    [CommandOption("--test-file <FILE>")]
    [Description("Text pairs: pairs (same columns) to evaluate the model on after training.")]
    public string? TestFile { get; init; }

    /// <summary>Baseline to measure beside the model.</summary>
    [CommandOption("--baseline <NAME>")]
    [Description("Text pairs: also measure this baseline on the test pairs, fitted on the training texts only: tfidf (TF-IDF cosine).")]
    public string? Baseline { get; init; }

    /// <summary>Second branch of a pseudo-Siamese network.</summary>
    [CommandOption("--second-encoder <KIND>")]
    [Description("Text pairs: give the second texts their own encoder (pseudo-Siamese, no weight shared): lstm, gru or cnn. Default: one shared encoder (twin).")]
    public string? SecondEncoder { get; init; }

    /// <summary>One word-vector table for both branches of a pseudo-Siamese network.</summary>
    [CommandOption("--share-word-vectors")]
    [Description("Text pairs with --second-encoder: both branches read one word-vector table (what is learned about a word on one side serves the other) and keep their own sequence models and projections.")]
    public bool ShareWordVectors { get; init; }

    /// <summary>Word vector length.</summary>
    [CommandOption("--word-dim <N>")]
    [Description("Text: length of the word vectors (sum of hashed word and character n-gram vectors).")]
    [DefaultValue(64)]
    public int WordDimension { get; init; } = 64;

    /// <summary>Recurrent layers.</summary>
    [CommandOption("--layers <N>")]
    [Description("Text: stacked LSTM/GRU layers.")]
    [DefaultValue(1)]
    public int Layers { get; init; } = 1;

    /// <summary>Bidirectional recurrence.</summary>
    [CommandOption("--bidirectional <BOOL>")]
    [Description("Text: read each text both ways (true/false).")]
    [DefaultValue(true)]
    public bool Bidirectional { get; init; } = true;

    /// <summary>Pooling over words.</summary>
    [CommandOption("--pooling <NAME>")]
    [Description("Text: how word states become one vector: mean, max or last (LSTM/GRU only).")]
    [DefaultValue("mean")]
    public string Pooling { get; init; } = "mean";

    /// <summary>Hash buckets.</summary>
    [CommandOption("--buckets <N>")]
    [Description("Text: hash buckets for words and character n-grams (the word vector table has one row per bucket).")]
    [DefaultValue(1 << 17)]
    public int Buckets { get; init; } = 1 << 17;

    /// <summary>Maximum words per text.</summary>
    [CommandOption("--max-words <N>")]
    [Description("Text: longer texts are truncated to this many words.")]
    [DefaultValue(64)]
    public int MaxWords { get; init; } = 64;

    /// <summary>Lower-casing.</summary>
    [CommandOption("--lowercase <BOOL>")]
    [Description("Text: lower-case before hashing (true/false).")]
    [DefaultValue(true)]
    public bool Lowercase { get; init; } = true;

    /// <summary>Accent stripping.</summary>
    [CommandOption("--strip-accents")]
    [Description("Text: remove accents (café = cafe).")]
    public bool StripAccents { get; init; }

    /// <summary>Character n-gram lengths.</summary>
    [CommandOption("--ngrams <MIN,MAX>")]
    [Description("Text: lengths of the hashed character n-grams of each word, e.g. 3,5.")]
    [DefaultValue("3,5")]
    public string Ngrams { get; init; } = "3,5";

    private string? TextError()
    {
        string[] textKinds = ["lstm", "gru", "cnn"];
        if (Images is not null || Data is not null || TrainClasses is not null || TestClasses is not null || ClassFraction is not null || Augment || RotateClasses)
        {
            return "--pairs trains a text model; --data, --images, --train-classes, --test-classes, --class-fraction, --augment and --rotate-classes are for images";
        }

        if (!textKinds.Contains(Encoder) || (SecondEncoder is not null && !textKinds.Contains(SecondEncoder)))
        {
            return $"--encoder and --second-encoder for text must be lstm, gru or cnn, not '{(textKinds.Contains(Encoder) ? SecondEncoder : Encoder)}'";
        }

        if (!LossCatalog.PairListNames.Contains(Loss))
        {
            return $"--loss: text pairs train with {string.Join(", ", LossCatalog.PairListNames)}, not '{Loss}' (it needs class labels)";
        }

        if (TextPairData.LabelError(this) is { } labelError)
        {
            return labelError;
        }

        if (Pooling is not ("mean" or "max" or "last") || (Pooling == "last" && (Encoder == "cnn" || SecondEncoder == "cnn")))
        {
            return $"--pooling must be mean, max or last (last only for lstm and gru), not '{Pooling}'";
        }

        if (WordDimension < 1 || Layers < 1 || Buckets < 1 || MaxWords < 1 || ParseList(Hidden) is not [>= 1])
        {
            return "--word-dim, --layers, --buckets, --max-words must be at least 1 and --hidden one whole number of at least 1 for text";
        }

        if (ParseList(Ngrams) is not [>= 1 and var low, var high] || high < low)
        {
            return $"--ngrams must be MIN,MAX with 1 <= MIN <= MAX, e.g. 3,5, not '{Ngrams}'";
        }

        if (ShareWordVectors && SecondEncoder is null)
        {
            return "--share-word-vectors shares the table between two encoders; give --second-encoder";
        }

        if (Baseline is not (null or "tfidf"))
        {
            return $"--baseline must be tfidf, not '{Baseline}'";
        }

        if (SecondEncoder is not null && Siamese.Distances.Distance.IsLearned(Distance))
        {
            return $"--distance {Distance} is a learned head for twins; a pseudo-Siamese network takes a fixed distance";
        }

        return LossCatalog.GradedNames.Contains(Loss) && !Siamese.Distances.Distance.Create(Distance, 2).LargerIsCloser
            ? $"--loss {Loss} regresses a similarity in [0, 1]; use --distance cosine or exp-l1, not '{Distance}'"
            : null;
    }

    /// <summary>The tokenizer these settings describe.</summary>
    public Siamese.Text.TokenizerSettings ToTokenizerSettings()
    {
        int[] ngrams = ParseList(Ngrams)!;
        var settings = new Siamese.Text.TokenizerSettings
        {
            Lowercase = Lowercase,
            StripAccents = StripAccents,
            MaxTokens = MaxWords,
            MinNgram = ngrams[0],
            MaxNgram = ngrams[1],
            BucketCount = Buckets,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>A text encoder of <paramref name="kind"/> (lstm, gru or cnn) as these settings describe it.</summary>
    public TextEncoderSpec ToTextEncoderSpec(string kind, Siamese.Text.TokenizerSettings tokenizer)
    {
        var spec = new TextEncoderSpec
        {
            VocabularySize = tokenizer.VocabularySize,
            WordDimension = WordDimension,
            SequenceModel = kind switch
            {
                "gru" => TextEncoderKind.Gru,
                "cnn" => TextEncoderKind.Cnn,
                _ => TextEncoderKind.Lstm,
            },
            HiddenDimension = ParseList(Hidden)![0],
            Layers = Layers,
            Bidirectional = Bidirectional,
            KernelSizes = ParseList(KernelSizes)!,
            Pooling = Pooling switch
            {
                "max" => TextPooling.Max,
                "last" => TextPooling.Last,
                _ => TextPooling.Mean,
            },
            EmbeddingDimension = EmbeddingDimension,
            NormalizeOutput = Normalize,
        };
        spec.Validate();
        return spec;
    }
}
