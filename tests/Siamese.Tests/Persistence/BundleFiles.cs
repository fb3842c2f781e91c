using System.IO.Compression;
using System.Text.Json.Nodes;
using Siamese.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Tests.Persistence;

/// <summary>Writes bundles for tests and edits their entries afterwards, as a careless user or an attacker would.</summary>
internal static class BundleFiles
{
    /// <summary>
    /// Sets every parameter and buffer of <paramref name="network"/> to fixed values that need no random generator,
    /// so a fingerprint computed from them is the same on any machine and libtorch version.
    /// </summary>
    public static void SetFixedWeights(nn.Module network)
    {
        using var noGrad = no_grad();
        int offset = 0;
        foreach (var (_, tensor) in network.state_dict())
        {
            var values = new float[tensor.NumberOfElements];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ((offset + i) * 7 % 23 * 0.0625f) - 0.5f;
            }

            offset += values.Length;
            using var source = torch.tensor(values).reshape(tensor.shape);
            tensor.copy_(source);
        }
    }

    /// <summary>Saves a fresh network for <paramref name="config"/> to <paramref name="path"/>.</summary>
    public static string Save(ModelConfig config, string path)
    {
        new ModelBundle(config, ModelBundle.CreateNetwork(config)).Save(path, overwrite: false);
        return path;
    }

    /// <summary>Replaces siamese.json of the bundle at <paramref name="path"/> by <paramref name="edit"/> applied to it.</summary>
    public static void EditJson(string path, Action<JsonNode> edit)
    {
        JsonNode json;
        using (var zip = ZipFile.OpenRead(path))
        using (var reader = new StreamReader(zip.GetEntry(ModelBundle.ConfigEntry)!.Open()))
        {
            json = JsonNode.Parse(reader.ReadToEnd())!;
        }

        edit(json);
        ReplaceEntry(path, ModelBundle.ConfigEntry, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(json.ToJsonString());
        });
    }

    /// <summary>Replaces siamese.json of the bundle at <paramref name="path"/> by <paramref name="text"/>, whatever it holds.</summary>
    public static void ReplaceJson(string path, string text) => ReplaceEntry(path, ModelBundle.ConfigEntry, stream =>
    {
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    });

    /// <summary>Replaces (or adds) the entry <paramref name="name"/> of the zip at <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    public static void ReplaceEntry(string path, string name, Action<Stream> write, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(name)?.Delete();
        using var stream = zip.CreateEntry(name, level).Open();
        write(stream);
    }

    /// <summary>The bytes of the entry <paramref name="name"/> of the zip at <paramref name="path"/>.</summary>
    public static byte[] ReadEntry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.GetEntry(name)!.Open();
        var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// Rewrites the uncompressed size that the zip at <paramref name="path"/> declares for <paramref name="name"/>, in its
    /// central directory and its local header, leaving the data as it is: a zip whose declared length lies.
    /// </summary>
    public static void SetDeclaredLength(string path, string name, uint length)
    {
        var bytes = File.ReadAllBytes(path);
        int end = bytes.Length - 22;
        while (BitConverter.ToUInt32(bytes, end) != 0x06054b50)
        {
            end--;
        }

        int entries = BitConverter.ToUInt16(bytes, end + 10);
        int header = (int)BitConverter.ToUInt32(bytes, end + 16);
        for (int i = 0; i < entries; i++)
        {
            int nameLength = BitConverter.ToUInt16(bytes, header + 28);
            int rest = nameLength + BitConverter.ToUInt16(bytes, header + 30) + BitConverter.ToUInt16(bytes, header + 32);
            if (System.Text.Encoding.UTF8.GetString(bytes, header + 46, nameLength) == name)
            {
                int local = (int)BitConverter.ToUInt32(bytes, header + 42);
                BitConverter.TryWriteBytes(bytes.AsSpan(header + 24), length);
                BitConverter.TryWriteBytes(bytes.AsSpan(local + 22), length);
                File.WriteAllBytes(path, bytes);
                return;
            }

            header += 46 + rest;
        }

        throw new InvalidOperationException($"{path} has no entry {name}");
    }
}
