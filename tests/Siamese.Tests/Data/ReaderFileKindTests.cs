using Siamese.Data;
using Siamese.Gallery;
using Siamese.Persistence;

namespace Siamese.Tests.Data;

/// <summary>
/// Every reader refuses a named pipe without opening it (opening one blocks until a writer comes) and a folder, each
/// with one line naming the file; list files refuse paths that hold control characters.
/// </summary>
public class ReaderFileKindTests
{
    public static TheoryData<string> Readers => ["model", "gallery", "episodes", "pair-list", "text-pairs", "text-list"];

    private static void Read(string reader, string path)
    {
        switch (reader)
        {
            case "model":
                ModelBundle.Load(path);
                break;
            case "gallery":
                using (GalleryStore.Open(path, readOnly: true))
                {
                }

                break;
            case "episodes":
                EpisodeFile.Read(path);
                break;
            case "pair-list":
                PairListFile.Read(path);
                break;
            case "text-pairs":
                TextPairFile.Read(path, new TextPairColumns("sentence1", "sentence2", "label", TextPairLabels.Parse(null, "same", "different")));
                break;
            case "text-list":
                TextListFile.Read(path);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_NamedPipe_IsRefusedWithoutBlocking(string reader)
    {
        using var folder = new TempFolder();
        string pipe = SpecialFiles.NamedPipe(folder.File("input"));

        var error = SpecialFiles.ThrownWithoutBlocking(pipe, () => Read(reader, pipe));

        Assert.NotNull(error);
        Assert.StartsWith($"{pipe}: not a regular file (a named pipe, device or socket)", error.Message);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_Folder_SaysItIsAFolder(string reader)
    {
        using var folder = new TempFolder();

        var error = Record.Exception(() => Read(reader, folder.Path));

        Assert.NotNull(error);
        Assert.StartsWith($"{folder.Path}: ", error.Message);
        Assert.Contains("folder", error.Message);
        Assert.DoesNotContain("not found", error.Message);
    }

    [Theory]
    [InlineData("pair-list", "a.png\tb\0c.png\tsame\n")]
    [InlineData("episodes", "a.png\tb.png\tc\u0001d.png\n")]
    public void Read_PathWithAControlCharacter_NamesTheLineAndShowsItEscaped(string reader, string content)
    {
        using var folder = new TempFolder();
        string file = folder.File("list.tsv");
        File.WriteAllText(file, content);

        var error = Assert.Throws<DataFormatException>(() => Read(reader, file));

        Assert.StartsWith($"{file}: line 1: the path ", error.Message);
        Assert.Contains("holds a control character; expected a file path", error.Message);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
    }
}
