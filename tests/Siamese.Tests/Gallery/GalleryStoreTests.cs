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
        { "folder", "is a folder; a gallery file is expected (e.g. gallery.db inside it)" },
        { "no-entries", "the gallery has no entries table; the gallery is damaged" },
        { "entries-without-source", "the gallery's entries table has no column 'source'; the gallery is damaged" },
        { "metadata-without-value", "not a Siamese gallery (its metadata table has no column 'value')" },
        { "integer-dimension", "the gallery metadata 'embeddingDimension' is an integer (expected text); the gallery is damaged" },
        { "twice-fingerprint", "the gallery metadata holds 'modelFingerprint' more than once; the gallery is damaged" },
        { "markup-fingerprint", "the gallery metadata lacks a valid model fingerprint, embedding dimension, distance or creation time; the gallery is damaged" },
        { "trigger", "holds the trigger 'wipe'; a gallery is data only and Siamese makes no triggers or views, so this file was not made by Siamese and is refused" },
        { "view", "holds the view 'everything'; a gallery is data only and Siamese makes no triggers or views, so this file was not made by Siamese and is refused" },
        { "metadata-view", "holds the view 'metadata'; a gallery is data only and Siamese makes no triggers or views, so this file was not made by Siamese and is refused" },
        { "virtual-entries", "its entries table is a virtual table (run by a module, not stored data); this file was not made by Siamese and is refused" },
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
        // Given a hand-made gallery whose table refuses the third row of a batch (a CHECK stands in for a full disk)
        string path = folder.File("g.db");
        HandMade(path, ModelA, "CREATE TABLE entries (id INTEGER PRIMARY KEY, label TEXT, source TEXT CHECK (source <> 'x-2.png'), embedding BLOB, enrolled TEXT)");
        using var store = GalleryStore.Open(path, ModelA, readOnly: false);

        // When a batch of 3 is added
        var error = Assert.Throws<GalleryException>(() => store.Add("x", Rows(seed: 13, 3), Sources("x", 3)));

        // Then the error names the file and none of the 3 rows is stored
        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains("CHECK constraint failed", error.Message);
        Assert.Equal(0, store.Count);
    }

    public static TheoryData<string, string, string[]> TablesThatChangeRows => new()
    {
        // A conflict rule that deletes the earlier row of a label when the next one arrives.
        { "label TEXT UNIQUE ON CONFLICT REPLACE", "1 entries plus 2 new ones left 2", ["a.png", "b.png"] },
        // A conflict rule that silently drops a row whose source is already there.
        { "source TEXT UNIQUE ON CONFLICT IGNORE", "embedding 1 was not inserted", ["same.png", "same.png"] },
    };

    [Theory]
    [MemberData(nameof(TablesThatChangeRows))]
    public void Add_TableThatDropsRowsAsTheyAreWritten_RefusesAndStoresNothing(string column, string what, string[] sources)
    {
        // Given a hand-made gallery holding one entry, whose table has a conflict rule that loses rows
        string path = folder.File("g.db");
        string otherColumn = column.StartsWith("label", StringComparison.Ordinal) ? "source TEXT" : "label TEXT";
        HandMade(path, ModelA, $"CREATE TABLE entries (id INTEGER PRIMARY KEY, {column}, {otherColumn}, embedding BLOB, enrolled TEXT)");
        using var store = GalleryStore.Open(path, ModelA, readOnly: false);
        store.Add("kept", Rows(seed: 16, 1), ["kept.png"]);

        // When a batch of 2 under another label is added
        var error = Assert.Throws<GalleryException>(() => store.Add("x", Rows(seed: 17, 2), sources));

        // Then the store sees that the file did not keep what it wrote, says so, and stores nothing
        Assert.Equal(
            $"{path}: the gallery did not keep the entries as written ({what}); nothing was stored. "
            + "Its tables were not made by Siamese (a conflict rule or trigger changes rows)",
            error.Message);
        Assert.Equal(["kept"], store.LoadAll().Labels);
    }

    [Fact]
    public void AddRemove_TriggerAddedAfterOpening_RefuseAndChangeNothing()
    {
        // Given a gallery with one entry, opened for writing, and then given a trigger by another connection
        string path = folder.File("g.db");
        using var store = GalleryStore.Create(path, ModelA, overwrite: false);
        store.Add("kept", Rows(seed: 18, 1), ["kept.png"]);
        Execute(path, "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END");

        // When a batch is added and a label removed
        var add = Assert.Throws<GalleryException>(() => store.Add("x", Rows(seed: 19, 2), Sources("x", 2)));
        var remove = Assert.Throws<GalleryException>(() => store.Remove("kept"));

        // Then both see the trigger inside their transaction and change nothing
        string expected = $"{path}: holds the trigger 'wipe'; a gallery is data only and Siamese makes no triggers or views, so this file was not made by Siamese and is refused";
        Assert.Equal(expected, add.Message);
        Assert.Equal(expected, remove.Message);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void CreateWithBatch_ValidBatch_AppearsHoldingIt()
    {
        // Given an empty folder
        string path = folder.File("g.db");
        var alice = Rows(seed: 20, 3);

        // When a gallery is created with a first batch of 3
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false, "alice", alice, Sources("alice", 3)))
        {
            // Then it holds them, and the folder holds the gallery alone
            Assert.Equal([new GalleryLabelCount("alice", 3)], store.Labels());
        }

        using var reopened = GalleryStore.Open(path, ModelA, readOnly: true);
        Assert.Equal(alice.SelectMany(r => r).ToArray(), reopened.LoadAll().Embeddings);
        Assert.Equal(["g.db"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void CreateWithBatch_InvalidBatch_CreatesNoFile()
    {
        // Given an empty folder and a batch holding NaN
        string path = folder.File("g.db");
        var rows = Rows(seed: 21, 2);
        rows[1][3] = float.NaN;

        // When a gallery is created with it, directly or by AddOrCreate
        Assert.Throws<ArgumentException>(() => GalleryStore.Create(path, ModelA, overwrite: false, "x", rows, Sources("x", 2)));
        Assert.Throws<ArgumentException>(() => GalleryStore.AddOrCreate(path, ModelA, "x", rows, Sources("x", 2), out _));

        // Then no file appears, not even a temporary one
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AddOrCreate_MissingThenExisting_CreatesThenAppends()
    {
        // Given no gallery
        string path = folder.File("g.db");

        // When two batches are added or created in turn
        using (var first = GalleryStore.AddOrCreate(path, ModelA, "a", Rows(seed: 22, 2), Sources("a", 2), out bool createdFirst))
        {
            Assert.True(createdFirst);
        }

        using var second = GalleryStore.AddOrCreate(path, ModelA, "b", Rows(seed: 23, 1), ["b.png"], out bool createdSecond);

        // Then the first created the gallery and the second appended to it
        Assert.False(createdSecond);
        Assert.Equal([new GalleryLabelCount("a", 2), new GalleryLabelCount("b", 1)], second.Labels());
    }

    [Fact]
    public void AddOrCreate_AnotherModelsGallery_RefusesAndLeavesItUntouched()
    {
        // Given a gallery of model B
        string path = folder.File("g.db");
        GalleryStore.Create(path, ModelB, overwrite: false, "b", Rows(seed: 24, 1), ["b.png"]).Dispose();
        byte[] before = File.ReadAllBytes(path);

        // When model A adds a batch to it
        var error = Assert.Throws<GalleryException>(() => GalleryStore.AddOrCreate(path, ModelA, "a", Rows(seed: 25, 1), ["a.png"], out _));

        // Then it is refused as another model's, byte for byte untouched
        Assert.Contains("made by another model", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void CreateAndOpen_PathIsAFolderOrUnderAFile_SayWhatIsThere()
    {
        // Given a folder where the gallery should be, and a plain file where its folder should be
        string directory = folder.File("galleries");
        Directory.CreateDirectory(directory);
        string underFile = Path.Combine(folder.File("notes.txt"), "g.db");
        File.WriteAllText(folder.File("notes.txt"), "keep me");

        // When galleries are created and opened there
        var create = Assert.Throws<GalleryException>(() => GalleryStore.Create(directory, ModelA, overwrite: true));
        var open = Assert.Throws<GalleryException>(() => GalleryStore.Open(directory, readOnly: true));
        var underAFile = Assert.Throws<GalleryException>(() => GalleryStore.Create(underFile, ModelA, overwrite: false));

        // Then each says what is in the way, and nothing is changed
        Assert.Equal($"{directory}: is a folder; a gallery file is expected (e.g. gallery.db inside it)", create.Message);
        Assert.Equal(create.Message, open.Message);
        Assert.Equal($"{underFile}: cannot be created: {folder.File("notes.txt")} is a file, not a folder", underAFile.Message);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
        Assert.Equal("keep me", File.ReadAllText(folder.File("notes.txt")));
    }

    [Fact]
    public void ReadOnlyStore_GalleryInAReadOnlyFolder_ReadsAndWritesNothing()
    {
        // Given a closed gallery with entries in a folder made read-only (file modes, and for root the immutable
        // attribute, since root ignores file modes)
        string path = folder.File("g.db");
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("a", Rows(seed: 26, 3), Sources("a", 3));
            store.Add("b", Rows(seed: 27, 2), Sources("b", 2));
        }

        byte[] bytes = File.ReadAllBytes(path);
        var modified = File.GetLastWriteTimeUtc(path);
        using var readOnly = new ReadOnlyFolder(folder.Path);

        // When it is opened read-only, counted, listed and loaded
        using (var reader = GalleryStore.Open(path, ModelA, readOnly: true))
        {
            // Then every read works
            Assert.Equal(5, reader.Count);
            Assert.Equal([new GalleryLabelCount("a", 3), new GalleryLabelCount("b", 2)], reader.Labels());
            Assert.Equal(5, reader.LoadAll().Count);
        }

        // And no -journal, -wal or -shm file appeared, and the gallery keeps its bytes and its modification time. Where
        // the folder could not be made read-only (RefusesWrites false: root on a file system without chattr) the reads
        // above show nothing about read-only folders, but these checks still show that reading writes nothing.
        Assert.Equal(["g.db"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Open_WriteAheadLogGallery_ForWritingSwitchesItToTheRollbackJournal()
    {
        // Given a gallery in SQLite's write-ahead-log mode, as an earlier Siamese made them
        string path = folder.File("g.db");
        using (var store = GalleryStore.Create(path, ModelA, overwrite: false))
        {
            store.Add("a", Rows(seed: 28, 1), ["a.png"]);
        }

        Execute(path, "PRAGMA journal_mode = WAL");
        Assert.Equal(2, File.ReadAllBytes(path)[18]);

        // When it is opened for writing once and closed, then read
        GalleryStore.Open(path, ModelA, readOnly: false).Dispose();
        using (var reader = GalleryStore.Open(path, ModelA, readOnly: true))
        {
            Assert.Equal(1, reader.LoadAll().Count);
        }

        // Then the file is in rollback-journal mode (header bytes 18 and 19 are 1), which reading leaves with no file beside it
        Assert.Equal([1, 1], File.ReadAllBytes(path)[18..20]);
        Assert.Equal(["g.db"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    public static TheoryData<string, string, bool> DamagedEntries => new()
    {
        { "INSERT INTO entries VALUES (2, NULL, 's.png', zeroblob(16), 't')", "entry 2: the label is NULL (expected text)", true },
        { "INSERT INTO entries VALUES (2, 'b', NULL, zeroblob(16), 't')", "entry 2: the source is NULL (expected text)", true },
        { "INSERT INTO entries VALUES (2, 'b', 's.png', NULL, 't')", "entry 2: the embedding is NULL (expected a BLOB)", true },
        { "INSERT INTO entries VALUES (2, 5, 's.png', zeroblob(16), 't')", "entry 2: the label is an integer (expected text)", true },
        { "INSERT INTO entries VALUES (2, 'b', 's.png', 'sixteen bytes...', 't')", "entry 2: the embedding is text (expected a BLOB)", true },
        { "INSERT INTO entries VALUES (2, 'b', 's.png', zeroblob(12), 't')", "entry 2: the embedding holds 12 bytes but dimension 4 needs 16", true },
        { "INSERT INTO entries VALUES (2, '', 's.png', zeroblob(16), 't')", "entry 2: the label is empty", true },
        { "INSERT INTO entries VALUES (2, 'a' || char(10) || 'b', 's.png', zeroblob(16), 't')", "entry 2: the label holds control characters (tabs, line breaks)", true },
        { "INSERT INTO entries VALUES (2, ' b', 's.png', zeroblob(16), 't')", "entry 2: the label starts or ends with white space", true },
        { "INSERT INTO entries VALUES (2, 'b', 's.png', X'000000000000C07F0000000000000000', 't')", "entry 2: the embedding holds NaN at position 1 (expected finite numbers)", false },
        { "INSERT INTO entries VALUES (2, 'b', 's.png', X'0000000000000000000000000000807F', 't')", "entry 2: the embedding holds Infinity at position 3 (expected finite numbers)", false },
        {
            "DROP TABLE entries; CREATE TABLE entries (id, label, source, embedding, enrolled); INSERT INTO entries VALUES (NULL, 'b', 's.png', zeroblob(16), 't')",
            "an entry's id is NULL (expected an integer)", true
        },
    };

    [Theory]
    [MemberData(nameof(DamagedEntries))]
    public void LabelsAndLoadAll_DamagedEntry_ThrowNamingTheEntryAndColumn(string damage, string problem, bool labelsSeeIt)
    {
        // Given a hand-made gallery whose table lacks NOT NULL, holding one good entry and one damaged one
        string path = folder.File("g.db");
        HandMade(path, ModelA);
        Execute(path, "INSERT INTO entries VALUES (1, 'a', 'a.png', zeroblob(16), 't')");
        Execute(path, damage);
        byte[] bytes = File.ReadAllBytes(path);
        using var store = GalleryStore.Open(path, ModelA, readOnly: true);

        // When all entries are loaded, and the labels listed
        var load = Assert.Throws<GalleryException>(store.LoadAll);

        // Then loading fails with one line naming the file, the entry and its column; listing, which reads no
        // embedding values, fails alike unless the damage is in the values
        string expected = $"{path}: {problem}; the gallery is damaged";
        Assert.Equal(expected, load.Message);
        if (labelsSeeIt)
        {
            Assert.Equal(expected, Assert.Throws<GalleryException>(store.Labels).Message);
        }
        else
        {
            Assert.Equal(2, store.Labels().Sum(l => l.Count));
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
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

    private enum Basis
    {
        Nothing,
        Created,
        HandMade,
    }

    /// <summary>How each unusable SQLite file of <see cref="UnusableFiles"/> is made: from nothing, a gallery made by the store, or one made by hand.</summary>
    private static readonly Dictionary<string, (Basis Basis, string Sql)> Damages = new()
    {
        ["plain-sqlite"] = (Basis.Nothing, "CREATE TABLE people (name TEXT)"),
        ["foreign-metadata"] = (Basis.Nothing, "CREATE TABLE metadata (key TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'something else')"),
        ["newer-schema"] = (Basis.Created, "UPDATE metadata SET value = '2' WHERE key = 'schemaVersion'"),
        ["bad-dimension"] = (Basis.Created, "UPDATE metadata SET value = 'four' WHERE key = 'embeddingDimension'"),
        ["no-entries"] = (Basis.HandMade, "DROP TABLE entries"),
        ["entries-without-source"] = (Basis.HandMade, "DROP TABLE entries; CREATE TABLE entries (id INTEGER PRIMARY KEY, label TEXT, embedding BLOB, enrolled TEXT)"),
        ["metadata-without-value"] = (Basis.Nothing, "CREATE TABLE metadata (key TEXT); INSERT INTO metadata VALUES ('format')"),
        ["integer-dimension"] = (Basis.HandMade, "UPDATE metadata SET value = 4 WHERE key = 'embeddingDimension'"),
        ["twice-fingerprint"] = (Basis.HandMade, $"INSERT INTO metadata VALUES ('modelFingerprint', '{ModelA.ModelFingerprint}')"),
        ["markup-fingerprint"] = (Basis.HandMade, "UPDATE metadata SET value = '[red]x' || char(27) || '[0m' WHERE key = 'modelFingerprint'"),
        ["trigger"] = (Basis.Created, "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END"),
        ["view"] = (Basis.Created, "CREATE VIEW everything AS SELECT * FROM entries"),
        ["metadata-view"] = (Basis.Nothing, "CREATE TABLE real_metadata (key TEXT, value TEXT); CREATE VIEW metadata AS SELECT * FROM real_metadata"),
        ["virtual-entries"] = (Basis.HandMade, "DROP TABLE entries; CREATE VIRTUAL TABLE entries USING fts5 (id, label, source, embedding, enrolled)"),
    };

    private static void MakeUnusable(string path, string kind)
    {
        switch (kind)
        {
            case "random":
                var bytes = new byte[8192];
                new Random(1).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                return;
            case "empty":
                File.WriteAllBytes(path, []);
                return;
            case "missing":
                return;
            case "folder":
                Directory.CreateDirectory(path);
                return;
        }

        var (basis, sql) = Damages[kind];
        if (basis == Basis.Created)
        {
            GalleryStore.Create(path, ModelA, overwrite: false).Dispose();
        }
        else if (basis == Basis.HandMade)
        {
            HandMade(path, ModelA);
        }

        Execute(path, sql);
    }

    /// <summary>
    /// Writes a gallery by hand, as someone might with the sqlite3 shell: untyped metadata and, by default, an entries
    /// table without NOT NULL, holding the metadata of <paramref name="identity"/> and no entries.
    /// </summary>
    internal static void HandMade(string path, GalleryIdentity identity,
        string entries = "CREATE TABLE entries (id INTEGER PRIMARY KEY, label, source, embedding, enrolled)")
    {
        Execute(path, $"CREATE TABLE metadata (key, value); {entries}; INSERT INTO metadata VALUES "
            + $"('format', '{GalleryStore.FormatMarker}'), ('schemaVersion', '1'), ('modelFingerprint', '{identity.ModelFingerprint}'), "
            + $"('embeddingDimension', '{identity.EmbeddingDimension}'), ('distance', '{identity.Distance}'), ('created', '2025-01-02T03:04:05.0000000+00:00')");
    }

    internal static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
