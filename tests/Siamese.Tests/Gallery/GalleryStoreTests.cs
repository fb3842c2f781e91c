using Microsoft.Data.Sqlite;
using Siamese.Gallery;
using Siamese.Tests.Data;

namespace Siamese.Tests.Gallery;

public sealed class GalleryStoreTests : IDisposable
{
    internal static readonly GalleryIdentity ModelA = new("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", 4, "l2");
    internal static readonly GalleryIdentity ModelB = new("9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0", 4, "l2");

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    internal static float[][] Rows(int seed, int count, int dimension = 4)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray())
            .ToArray();
    }

    private static string[] Sources(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i}.png").ToArray();

    [Fact]
    public void Sqlite_NativeLibrary_LoadsOnThisMachine()
    {
        // Given Microsoft.Data.Sqlite with its bundled e_sqlite3
        using var connection = new SqliteConnection("Data Source=:memory:");

        // When a connection opens and asks for the engine's version
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var version = Version.Parse((string)command.ExecuteScalar()!);

        // Then the native library answers, with write-ahead logging available (3.7 and later)
        Assert.True(version >= new Version(3, 7), version.ToString());
    }

    [Fact]
    public void CreateAddOpen_RoundTrip_KeepsEntriesAndMetadata()
    {
        // Given a new gallery with 3 embeddings of alice and 2 of bob
        string path = folder.File("gallery.db");
        var alice = Rows(seed: 1, 3);
        var bob = Rows(seed: 2, 2);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("alice", alice, Sources("alice", 3));
            store.Add("bob", bob, Sources("bob", 2));
        }

        // When it is opened again read-only by the same model
        using var reopened = GalleryStore.Open(path, ModelA, readOnly: true);
        var entries = reopened.LoadAll();

        // Then the metadata, the label counts and every float come back in enrollment order
        Assert.Equal(ModelA, reopened.Identity);
        Assert.Equal(GalleryStore.CurrentSchemaVersion, reopened.SchemaVersion);
        Assert.InRange(reopened.Created, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(reopened.IsReadOnly);
        Assert.Equal(5, reopened.Count);
        Assert.Equal([new GalleryLabelCount("alice", 3), new GalleryLabelCount("bob", 2)], reopened.Labels());
        Assert.Equal(["alice", "alice", "alice", "bob", "bob"], entries.Labels);
        Assert.Equal([.. Sources("alice", 3), .. Sources("bob", 2)], entries.Sources);
        Assert.Equal(4, entries.Dimension);
        Assert.Equal(alice.Concat(bob).SelectMany(r => r).ToArray(), entries.Embeddings);
    }

    [Fact]
    public void Create_Always_LeavesOnlyTheGalleryFileBehind()
    {
        // Given an empty folder
        string path = folder.File("g.db");

        // When a gallery is created, filled and closed
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("x", Rows(seed: 3, 2), Sources("x", 2));
        }

        // Then the folder holds the gallery alone: no temporary file, no write-ahead log left over
        Assert.Equal(["g.db"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Create_ExistingFileWithoutOverwrite_RefusesAndKeepsTheFile()
    {
        // Given a file where the gallery should go
        string path = folder.File("taken.db");
        File.WriteAllText(path, "keep me");

        // When a gallery is created there without overwrite
        var error = Assert.Throws<GalleryException>(() => GalleryStore.Create(path, ModelA, overwrite: false));

        // Then it is refused, the file is untouched and no temporary file remains
        Assert.StartsWith($"{path}: already exists", error.Message);
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Create_Overwrite_ReplacesAnotherModelsGalleryWithAnEmptyOne()
    {
        // Given a gallery of model A with entries
        string path = folder.File("g.db");
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("x", Rows(seed: 4, 2), Sources("x", 2));
        }

        // When model B creates a gallery there with overwrite
        using (var replaced = GalleryStore.Create(path, ModelB, overwrite: true))
        {
            // Then the new gallery is B's and empty
            Assert.Equal(ModelB, replaced.Identity);
            Assert.Equal(0, replaced.Count);
        }

        Assert.Throws<GalleryException>(() => GalleryStore.Open(path, ModelA, readOnly: true));
    }

    [Fact]
    public void Remove_Label_ReturnsRowsRemovedAndKeepsTheOthers()
    {
        // Given a gallery with 3 entries of a and 2 of b
        using var store = GalleryStore.Create(folder.File("g.db"), ModelA, overwrite: false);
        store.Add("a", Rows(seed: 5, 3), Sources("a", 3));
        store.Add("b", Rows(seed: 6, 2), Sources("b", 2));

        // When a is removed, then a label that is not there
        int removed = store.Remove("a");
        int none = store.Remove("nobody");

        // Then a's 3 rows went, nothing else did
        Assert.Equal(3, removed);
        Assert.Equal(0, none);
        Assert.Equal([new GalleryLabelCount("b", 2)], store.Labels());
        Assert.Equal(["b", "b"], store.LoadAll().Labels);
    }

    [Fact]
    public void Open_GalleryOfAnotherModel_ThrowsNamingTheFileAndBothFingerprints()
    {
        // Given a gallery made by model A
        string path = folder.File("gallery.db");
        GalleryStore.Create(path, ModelA, overwrite: false).Dispose();

        // When model B opens it, read-only or for writing
        var readError = Assert.Throws<GalleryException>(() => GalleryStore.Open(path, ModelB, readOnly: true));
        var writeError = Assert.Throws<GalleryException>(() => GalleryStore.Open(path, ModelB, readOnly: false));

        // Then both refuse with one line naming the file and abbreviations of both fingerprints
        Assert.Equal(
            $"{path}: made by another model (fingerprint a1b2c3d4…, this model is 9f8e7d6c…); enroll again with this model or use the model that made it",
            readError.Message);
        Assert.Equal(readError.Message, writeError.Message);
        Assert.Equal(path, readError.Path);
    }

    [Fact]
    public void Open_AnyModel_GivesTheRecordedIdentity()
    {
        // Given a gallery made by model B
        string path = folder.File("g.db");
        GalleryStore.Create(path, ModelB, overwrite: false).Dispose();

        // When opened without naming a model
        using var store = GalleryStore.Open(path, readOnly: true);

        // Then it tells which model it serves
        Assert.Equal(ModelB, store.Identity);
    }

    public static TheoryData<string, string> UnusableFiles => new()
    {
        { "random", "not a Siamese gallery (not an SQLite database)" },
        { "empty", "not a Siamese gallery (an SQLite database without gallery metadata)" },
        { "plain-sqlite", "not a Siamese gallery (an SQLite database without gallery metadata)" },
        { "foreign-metadata", "not a Siamese gallery (its metadata lacks the format marker \"Siamese gallery\")" },
        { "newer-schema", "gallery schema version 2 is newer than this Siamese supports (1); upgrade Siamese to use it" },
        { "bad-dimension", "the gallery metadata lacks a valid model fingerprint, embedding dimension, distance or creation time; the gallery is damaged" },
        { "missing", "gallery file not found" },
    };

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public void Open_UnusableFile_ThrowsOneLineNamingItAndChangesNothing(string kind, string problem)
    {
        // Given a file that is not a usable gallery
        string path = folder.File($"{kind}.db");
        MakeUnusable(path, kind);
        byte[]? bytes = File.Exists(path) ? File.ReadAllBytes(path) : null;

        // When it is opened read-only and for writing
        foreach (bool readOnly in new[] { true, false })
        {
            var error = Assert.Throws<GalleryException>(() => GalleryStore.Open(path, ModelA, readOnly));

            // Then each attempt fails with one line naming the file
            Assert.Equal($"{path}: {problem}", error.Message);
        }

        // And the file is byte for byte what it was, with nothing written beside it
        Assert.Equal(bytes, File.Exists(path) ? File.ReadAllBytes(path) : null);
        Assert.Equal(bytes is null ? 0 : 1, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void LoadAll_TruncatedGallery_ThrowsDamagedNotACrash()
    {
        // Given a gallery of 400 entries (many pages) cut to a third of its length
        string path = folder.File("cut.db");
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("many", Rows(seed: 7, 400), Sources("many", 400));
        }

        long length = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(length / 3);
        }

        // When it is opened and read
        var error = Assert.Throws<GalleryException>(() =>
        {
            using var opened = GalleryStore.Open(path, ModelA, readOnly: true);
            opened.LoadAll();
        });

        // Then the failure is one line naming the file and calling it damaged
        Assert.StartsWith($"{path}: the gallery is damaged", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Add_InvalidBatch_StoresNothing()
    {
        // Given a gallery with one entry
        using var store = GalleryStore.Create(folder.File("g.db"), ModelA, overwrite: false);
        store.Add("kept", Rows(seed: 8, 1), ["kept.png"]);
        var withNaN = Rows(seed: 9, 3);
        withNaN[2][1] = float.NaN;
        var withInfinity = Rows(seed: 9, 2);
        withInfinity[0][0] = float.PositiveInfinity;

        // When batches that cannot be stored are added
        // Then each is refused and nothing of it is stored
        Assert.Throws<ArgumentException>(() => store.Add("x", withNaN, Sources("x", 3)));
        Assert.Throws<ArgumentException>(() => store.Add("x", withInfinity, Sources("x", 2)));
        Assert.Throws<ArgumentException>(() => store.Add("x", Rows(seed: 10, 2, dimension: 5), Sources("x", 2)));
        Assert.Throws<ArgumentException>(() => store.Add("x", Rows(seed: 11, 2), Sources("x", 1)));
        Assert.Throws<ArgumentException>(() => store.Add("x", [], []));
        Assert.Throws<ArgumentException>(() => store.Add("", Rows(seed: 12, 1), ["a.png"]));
        Assert.Throws<ArgumentException>(() => store.Add("   ", Rows(seed: 12, 1), ["a.png"]));
        Assert.Throws<ArgumentException>(() => store.Add(" padded", Rows(seed: 12, 1), ["a.png"]));
        Assert.Throws<ArgumentException>(() => store.Add("tab\there", Rows(seed: 12, 1), ["a.png"]));
        Assert.Equal([new GalleryLabelCount("kept", 1)], store.Labels());
    }

    [Fact]
    public void Add_FailureInsideTheTransaction_RollsBackTheWholeBatch()
    {
        // Given a gallery whose file refuses a third row (a trigger stands in for a full disk)
        string path = folder.File("g.db");
        GalleryStore.Create(path, ModelA, overwrite: false).Dispose();
        Execute(path, "CREATE TRIGGER third BEFORE INSERT ON entries WHEN (SELECT COUNT(*) FROM entries) >= 2 BEGIN SELECT RAISE(ABORT, 'no room'); END");
        using var store = GalleryStore.Open(path, ModelA, readOnly: false);

        // When a batch of 3 is added
        var error = Assert.Throws<GalleryException>(() => store.Add("x", Rows(seed: 13, 3), Sources("x", 3)));

        // Then the error names the file and none of the 3 rows is stored
        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains("no room", error.Message);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AddRemove_ReadOnlyStore_Throw()
    {
        // Given a gallery opened read-only
        string path = folder.File("g.db");
        GalleryStore.Create(path, ModelA, overwrite: false).Dispose();
        using var store = GalleryStore.Open(path, ModelA, readOnly: true);

        // When it is written
        // Then it refuses
        Assert.Throws<InvalidOperationException>(() => store.Add("x", Rows(seed: 14, 1), ["x.png"]));
        Assert.Throws<InvalidOperationException>(() => store.Remove("x"));
    }

    [Fact]
    public async Task LoadAll_TwoReadersWhileAWriterEnrolls_SeeWholeBatchesOnly()
    {
        // Given a gallery with one batch of 5, and two read-only stores on it in other threads
        string path = folder.File("shared.db");
        const int batch = 5;
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("seed", Rows(seed: 15, batch), Sources("seed", batch));
        }

        using var writing = new CancellationTokenSource();
        var counts = new System.Collections.Concurrent.ConcurrentBag<int>();
        Task Reader() => Task.Run(() =>
        {
            using var reader = GalleryStore.Open(path, ModelA, readOnly: true);
            do
            {
                var entries = reader.LoadAll();
                counts.Add(entries.Count);
                Assert.Equal(entries.Count * 4, entries.Embeddings.Length);
            }
            while (!writing.IsCancellationRequested);
        });

        var readers = new[] { Reader(), Reader() };

        // When a writer enrolls 20 more batches of 5 meanwhile
        using (var writer = GalleryStore.Open(path, ModelA, readOnly: false))
        {
            for (int i = 0; i < 20; i++)
            {
                writer.Add($"person-{i}", Rows(seed: 100 + i, batch), Sources($"p{i}", batch));
            }
        }

        writing.Cancel();
        await Task.WhenAll(readers);

        // Then both readers finished without error and only ever saw whole batches
        Assert.NotEmpty(counts);
        Assert.All(counts, count => Assert.Equal(0, count % batch));
        using var final = GalleryStore.Open(path, ModelA, readOnly: true);
        Assert.Equal(21 * batch, final.Count);
    }

    private static void MakeUnusable(string path, string kind)
    {
        switch (kind)
        {
            case "random":
                var bytes = new byte[8192];
                new Random(1).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "plain-sqlite":
                Execute(path, "CREATE TABLE people (name TEXT)");
                break;
            case "foreign-metadata":
                Execute(path, "CREATE TABLE metadata (key TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'something else')");
                break;
            case "newer-schema":
                GalleryStore.Create(path, ModelA, overwrite: false).Dispose();
                Execute(path, "UPDATE metadata SET value = '2' WHERE key = 'schemaVersion'");
                break;
            case "bad-dimension":
                GalleryStore.Create(path, ModelA, overwrite: false).Dispose();
                Execute(path, "UPDATE metadata SET value = 'four' WHERE key = 'embeddingDimension'");
                break;
            case "missing":
                break;
            default:
                throw new ArgumentException(kind);
        }
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
