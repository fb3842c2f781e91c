using Siamese.Data;

namespace Siamese.Tests.Data;

/// <summary>Writes real images (Fashion-MNIST test images, 28x28) to disk as test data: class folders and pair lists.</summary>
internal static class FashionMnistFolders
{
    /// <summary>
    /// A folder with one sub-folder per class (c0, c1, ...), <paramref name="perClass"/> images each, every third one as
    /// PGM and the rest as PNG; class c takes Fashion-MNIST class c % 10.
    /// </summary>
    public static string WriteClassFolder(string root, int classes, int perClass)
    {
        var test = FashionMnist.Load(null, FashionMnistSplit.Test);
        for (int c = 0; c < classes; c++)
        {
            string classFolder = Path.Combine(root, $"c{c}");
            Directory.CreateDirectory(classFolder);
            var members = Enumerable.Range(0, test.Count).Where(i => test.Labels[i] == c % 10).Skip(c / 10 * perClass).Take(perClass).ToArray();
            for (int k = 0; k < members.Length; k++)
            {
                var pixels = test.GetImage(members[k]);
                if (k % 3 == 2)
                {
                    File.WriteAllBytes(Path.Combine(classFolder, $"{k}.pgm"), [.. "P5\n28 28\n255\n"u8, .. pixels]);
                }
                else
                {
                    ImageFileWriter.WriteGrayscalePng(Path.Combine(classFolder, $"{k}.png"), pixels, 28, 28);
                }
            }
        }

        return root;
    }

    /// <summary>
    /// A pair list over the images of a class folder written by <see cref="WriteClassFolder"/>: <paramref name="count"/>
    /// pairs, alternately of one class and of two, drawn with <paramref name="seed"/>; returns the list's path.
    /// </summary>
    public static string WritePairList(string classFolder, string listPath, int count, int seed)
    {
        var classes = Directory.GetDirectories(classFolder).Order(StringComparer.Ordinal).Select(d => Directory.GetFiles(d).Order(StringComparer.Ordinal).ToArray()).ToArray();
        var random = new Random(seed);
        var lines = new List<string>();
        for (int p = 0; p < count; p++)
        {
            int a = random.Next(classes.Length);
            int b = p % 2 == 0 ? a : (a + 1 + random.Next(classes.Length - 1)) % classes.Length;
            string left = classes[a][random.Next(classes[a].Length)];
            string right = classes[b][random.Next(classes[b].Length)];
            lines.Add($"{left}\t{right}\t{(a == b ? "same" : "different")}");
        }

        File.WriteAllLines(listPath, lines);
        return listPath;
    }
}
