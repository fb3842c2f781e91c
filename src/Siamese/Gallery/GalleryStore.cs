using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Siamese.Gallery;

/// <summary>
/// A gallery file: enrolled embeddings with their labels in one SQLite database, tied to the model that made them.
/// </summary>
/// <remarks>
/// <para>
/// The file holds two tables. <c>metadata</c> (key, value) records the format marker <see cref="FormatMarker"/>, the
/// schema version, the model fingerprint, the embedding dimension, the distance name and the creation time.
/// <c>entries</c> holds one row per embedding: id, label, source (the image file or a note), the embedding as a BLOB
/// of little-endian float32 and the enrollment time (ISO 8601, UTC). A gallery is data only: a file holding triggers,
/// views or virtual tables was not made by Siamese and is refused, and every value read is checked (kind, size, finite
/// floats, a valid label), a bad one named by its entry id and column.
/// </para>
/// <para>
/// The database uses SQLite's rollback journal, not its write-ahead log: a read-only store opens the file read-only
/// and never creates, changes or leaves any file, so a gallery in a read-only folder (a read-only deployment) can be
/// searched. Readers and writers in other processes take turns through SQLite's file locks; every operation waits up to
/// <see cref="BusyTimeout"/> for a lock another connection holds (SQLite's busy timeout), so concurrent enrollments
/// queue up instead of failing. SQLite's <c>immutable</c> open is not used: it skips locking, and a reader could then
/// see an enrollment half-written. A gallery made in write-ahead-log mode (by an earlier Siamese) is switched to the
/// rollback journal when it is next opened for writing. One instance is not meant to be used from several threads at
/// once. Every SQLite failure surfaces as a <see cref="GalleryException"/> naming the file.
/// </para>
/// </remarks>
public sealed class GalleryStore : IDisposable
{
    /// <summary>The value of the metadata key <c>format</c> that marks a Siamese gallery.</summary>
    public const string FormatMarker = "Siamese gallery";

    /// <summary>The schema version this Siamese writes; files with a newer one are refused.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>How long an operation waits for another connection's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection connection;
    private bool disposed;

    private GalleryStore(string path, SqliteConnection connection, GalleryIdentity identity, int schemaVersion, DateTimeOffset created, bool readOnly)
    {
        Path = path;
        this.connection = connection;
        Identity = identity;
        SchemaVersion = schemaVersion;
        Created = created;
        IsReadOnly = readOnly;
    }

    /// <summary>The gallery file, as given to <see cref="Create(string, GalleryIdentity, bool)"/> or <see cref="Open(string, bool)"/>.</summary>
    public string Path { get; }

    /// <summary>The model fingerprint, embedding dimension and distance recorded when the gallery was created.</summary>
    public GalleryIdentity Identity { get; }

    /// <summary>The file's schema version.</summary>
    public int SchemaVersion { get; }

    /// <summary>When the gallery was created.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>True when opened read-only: <see cref="Add"/> and <see cref="Remove"/> are refused.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Number of entries (embeddings) in the gallery now.</summary>
    /// <exception cref="GalleryException">The file cannot be read.</exception>
    public int Count => Sql(() => CountEntries(null));

    private long EmbeddingBytes => (long)Identity.EmbeddingDimension * sizeof(float);

    /// <summary>
    /// Creates an empty gallery for <paramref name="identity"/>: the file is built under a temporary name in the same
    /// folder and renamed into place, so no half-made gallery is ever visible. Returns it opened for writing.
    /// </summary>
    /// <remarks>
    /// Replacing a gallery also deletes its stale <c>-journal</c>, <c>-wal</c> and <c>-shm</c> files; do not replace a
    /// gallery that another process is using.
    /// </remarks>
    /// <param name="path">The gallery file; its folder is created if needed.</param>
    /// <param name="identity">The model whose embeddings the gallery will hold.</param>
    /// <param name="overwrite">Replace an existing file; without it an existing file is an error.</param>
    /// <exception cref="GalleryException">
    /// The file exists and <paramref name="overwrite"/> is false, the path is a folder, or the file cannot be written.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="identity"/> has an invalid field.</exception>
    public static GalleryStore Create(string path, GalleryIdentity identity, bool overwrite) =>
        TryCreate(path, identity, overwrite, null) ?? throw AlreadyExists(path);

    /// <summary>
    /// Creates a gallery for <paramref name="identity"/> holding a first batch of entries: the file is built, filled and
    /// checked under a temporary name and renamed into place, so it appears with the whole batch or not at all.
    /// Returns it opened for writing.
    /// </summary>
    /// <remarks>The rules of <see cref="Create(string, GalleryIdentity, bool)"/> and <see cref="Add"/> apply.</remarks>
    /// <param name="path">The gallery file; its folder is created if needed.</param>
    /// <param name="identity">The model whose embeddings the gallery will hold.</param>
    /// <param name="overwrite">Replace an existing file; without it an existing file is an error.</param>
    /// <param name="label">The label of the batch.</param>
    /// <param name="embeddings">At least one embedding of <see cref="GalleryIdentity.EmbeddingDimension"/> finite floats.</param>
    /// <param name="sources">One source per embedding.</param>
    /// <exception cref="GalleryException">
    /// The file exists and <paramref name="overwrite"/> is false, the path is a folder, or the file cannot be written.
    /// </exception>
    /// <exception cref="ArgumentException">The identity or the batch is invalid; nothing is created.</exception>
    public static GalleryStore Create(string path, GalleryIdentity identity, bool overwrite, string label, float[][] embeddings, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var batch = Encode(identity.EmbeddingDimension, label, embeddings, sources);
        return TryCreate(path, identity, overwrite, batch) ?? throw AlreadyExists(path);
    }

    /// <summary>
    /// Adds a batch to the gallery at <paramref name="path"/>, or creates the gallery holding just this batch when there
    /// is none (as <see cref="Create(string, GalleryIdentity, bool, string, float[][], IReadOnlyList{string})"/> does).
    /// When another process creates the gallery in the meantime, the batch is added to that one: concurrent first
    /// enrollments all keep their entries. Returns the store opened for writing.
    /// </summary>
    /// <param name="path">The gallery file.</param>
    /// <param name="identity">The model that made the embeddings; another model's gallery is refused.</param>
    /// <param name="label">The label of the batch.</param>
    /// <param name="embeddings">At least one embedding of <see cref="GalleryIdentity.EmbeddingDimension"/> finite floats.</param>
    /// <param name="sources">One source per embedding.</param>
    /// <param name="created">True when this call created the gallery.</param>
    /// <exception cref="GalleryException">The gallery cannot be used (see <see cref="Open(string, GalleryIdentity, bool)"/>) or written.</exception>
    /// <exception cref="ArgumentException">The identity or the batch is invalid; nothing is stored or created.</exception>
    public static GalleryStore AddOrCreate(
        string path, GalleryIdentity identity, string label, float[][] embeddings, IReadOnlyList<string> sources, out bool created)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var batch = Encode(identity.EmbeddingDimension, label, embeddings, sources);
        var store = File.Exists(path) ? null : TryCreate(path, identity, overwrite: false, batch);
        created = store is not null;
        if (store is not null)
        {
            return store;
        }

        store = Open(path, identity, readOnly: false);
        try
        {
            store.Write(batch);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a gallery for the model described by <paramref name="expected"/>, refusing galleries made by another model.
    /// </summary>
    /// <param name="path">The gallery file.</param>
    /// <param name="expected">The identity of the model that will search or fill the gallery (<see cref="GalleryIdentity.Of"/>).</param>
    /// <param name="readOnly">Open read-only (identification, verification, listing); never writes the file.</param>
    /// <exception cref="GalleryException">
    /// The file is missing, a folder, not a gallery, damaged, holds code, of a newer schema, or made by another model.
    /// </exception>
    public static GalleryStore Open(string path, GalleryIdentity expected, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var store = Open(path, readOnly);
        try
        {
            store.CheckIdentity(expected);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a gallery whatever model made it, to list or remove labels; <see cref="Identity"/> tells which model it serves.
    /// </summary>
    /// <param name="path">The gallery file.</param>
    /// <param name="readOnly">
    /// Open read-only: the file is opened with SQLite's read-only mode and nothing is ever written, created or left
    /// beside it, so it works in a folder that cannot be written.
    /// </param>
    /// <exception cref="GalleryException">The file is missing, a folder, not a gallery, damaged, holds code, or of a newer schema.</exception>
    public static GalleryStore Open(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        ThrowIfFolder(path, full);
        if (!File.Exists(full))
        {
            throw new GalleryException(path, "gallery file not found");
        }

        SqliteConnection? connection = null;
        try
        {
            connection = Connect(full, readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
            var (identity, version, created) = GallerySchema.ReadMetadata(path, connection);
            if (!readOnly)
            {
                UseRollbackJournal(connection);
            }

            return new GalleryStore(path, connection, identity, version, created, readOnly);
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            throw Unusable(path, ex, readOnly && IsWriteAheadLog(full));
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Enrolls <paramref name="embeddings"/> under <paramref name="label"/> in one transaction: either all are stored
    /// or, on any error, none. Inside the transaction the store checks that the file holds no code and, after writing,
    /// that it holds exactly what was written; a file that drops or rewrites rows is refused with nothing stored.
    /// </summary>
    /// <param name="label">The label; not empty, no control characters, no leading or trailing white space.</param>
    /// <param name="embeddings">At least one embedding, each of <see cref="GalleryIdentity.EmbeddingDimension"/> finite floats.</param>
    /// <param name="sources">One source per embedding: the image file it came from, or a note.</param>
    /// <exception cref="ArgumentException">A label, embedding or source is invalid, or the counts differ.</exception>
    /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
    /// <exception cref="GalleryException">
    /// The file cannot be written (locked past <see cref="BusyTimeout"/>, read-only, disk full, damaged), holds code,
    /// or did not keep what was written.
    /// </exception>
    public void Add(string label, float[][] embeddings, IReadOnlyList<string> sources)
    {
        ThrowIfUnwritable();
        Write(Encode(Identity.EmbeddingDimension, label, embeddings, sources));
    }

    /// <summary>Removes every entry labelled <paramref name="label"/>, in one transaction.</summary>
    /// <param name="label">The label.</param>
    /// <returns>The number of entries removed; 0 when the label was not enrolled.</returns>
    /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
    /// <exception cref="GalleryException">The file cannot be written, or holds code.</exception>
    public int Remove(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ThrowIfUnwritable();
        return Sql(() =>
        {
            using var transaction = connection.BeginTransaction();
            GallerySchema.CheckObjects(Path, connection, transaction);
            using var command = Command("DELETE FROM entries WHERE label = $label", transaction);
            command.Parameters.AddWithValue("$label", label);
            int removed = command.ExecuteNonQuery();
            transaction.Commit();
            return removed;
        });
    }

    /// <summary>The enrolled labels with their entry counts, in ordinal order of the labels.</summary>
    /// <exception cref="GalleryException">The file cannot be read, or an entry is damaged (the message names it and the column).</exception>
    public IReadOnlyList<GalleryLabelCount> Labels() => Sql(() =>
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using (var check = Command($"SELECT {GallerySchema.EntryShape} FROM entries WHERE {GallerySchema.DamagedEntryFilter} ORDER BY id LIMIT 1", transaction))
        {
            check.Parameters.AddWithValue("$bytes", EmbeddingBytes);
            using var damaged = check.ExecuteReader();
            if (damaged.Read())
            {
                GallerySchema.CheckEntry(Path, damaged, EmbeddingBytes);
            }
        }

        using var command = Command("SELECT label, COUNT(*), MIN(id) FROM entries GROUP BY label ORDER BY label", transaction);
        using var reader = command.ExecuteReader();
        var labels = new List<GalleryLabelCount>();
        while (reader.Read())
        {
            labels.Add(new GalleryLabelCount(GallerySchema.CheckLabel(Path, reader.GetInt64(2), reader.GetString(0)), reader.GetInt32(1)));
        }

        return (IReadOnlyList<GalleryLabelCount>)labels.AsReadOnly();
    });

    /// <summary>Reads every entry, in enrollment order, as one snapshot: writers enrolling meanwhile are not seen half-way.</summary>
    /// <exception cref="GalleryException">
    /// The file cannot be read, or an entry is damaged (a NULL or wrong kind of value, a wrong size, a non-finite value,
    /// an invalid label); the message names the entry and the column.
    /// </exception>
    public GalleryEntries LoadAll() => Sql(() =>
    {
        int dimension = Identity.EmbeddingDimension;
        var labels = new List<string>();
        var sources = new List<string>();
        var values = new List<float>();
        using var command = Command($"SELECT {GallerySchema.EntryShape}, label, source, embedding FROM entries ORDER BY id", null);
        using var reader = command.ExecuteReader();
        int first = GallerySchema.EntryShapeColumns;
        while (reader.Read())
        {
            long id = GallerySchema.CheckEntry(Path, reader, EmbeddingBytes);
            var blob = reader.GetFieldValue<byte[]>(first + 2);
            for (int d = 0; d < dimension; d++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(d * sizeof(float)));
                if (!float.IsFinite(value))
                {
                    throw new GalleryException(Path,
                        $"entry {id}: the embedding holds {value.ToString(CultureInfo.InvariantCulture)} at position {d} (expected finite numbers); the gallery is damaged");
                }

                values.Add(value);
            }

            labels.Add(GallerySchema.CheckLabel(Path, id, reader.GetString(first)));
            sources.Add(reader.GetString(first + 1));
        }

        return new GalleryEntries(labels.ToArray(), sources.ToArray(), values.ToArray(), dimension);
    });

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            connection.Dispose();
        }
    }

    private static GalleryStore? TryCreate(string path, GalleryIdentity identity, bool overwrite, EncodedBatch? batch)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(identity);
        identity.Validate();
        string full = System.IO.Path.GetFullPath(path);
        ThrowIfFolder(path, full);
        if (!overwrite && File.Exists(full))
        {
            return null;
        }

        string folder = System.IO.Path.GetDirectoryName(full) ?? throw new GalleryException(path, "has no parent folder; a gallery file is expected");
        CreateFolder(path, folder);
        // Named with this process's id, so that the next creation deletes the file (and journal) of one that was killed.
        string temporary = Siamese.Data.AtomicFile.TemporaryFor(full);
        try
        {
            var created = DateTimeOffset.UtcNow;
            using (var building = new GalleryStore(path, Connect(temporary, SqliteOpenMode.ReadWriteCreate), identity, CurrentSchemaVersion, created, readOnly: false))
            {
                GallerySchema.Write(building.connection, identity, created);
                if (batch is not null)
                {
                    building.Write(batch);
                }
            }

            if (overwrite)
            {
                DeleteSidecars(full);
            }

            File.Move(temporary, full, overwrite);
        }
        catch (SqliteException ex)
        {
            DeleteWithSidecars(temporary);
            throw Unusable(path, ex, false);
        }
        catch (IOException) when (!overwrite && File.Exists(full))
        {
            // Another process created the gallery since the check above; the caller decides whether to add to it.
            DeleteWithSidecars(temporary);
            return null;
        }
        catch
        {
            DeleteWithSidecars(temporary);
            throw;
        }

        return Open(path, identity, readOnly: false);
    }

    private static EncodedBatch Encode(int dimension, string label, float[][] embeddings, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (GallerySchema.LabelProblem(label) is { } problem)
        {
            throw new ArgumentException($"the label {problem}; a label must be non-empty text without control characters or surrounding white space");
        }

        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(sources);
        if (embeddings.Length == 0)
        {
            throw new ArgumentException("nothing to enroll: no embeddings");
        }

        if (sources.Count != embeddings.Length)
        {
            throw new ArgumentException($"{embeddings.Length} embeddings but {sources.Count} sources");
        }

        var blobs = new byte[embeddings.Length][];
        for (int i = 0; i < embeddings.Length; i++)
        {
            var embedding = embeddings[i] ?? throw new ArgumentException($"embedding {i} is null");
            if (embedding.Length != dimension)
            {
                throw new ArgumentException($"embedding {i} has {embedding.Length} values but the gallery holds dimension {dimension}");
            }

            if (sources[i] is null)
            {
                throw new ArgumentException($"source {i} is null");
            }

            blobs[i] = new byte[dimension * sizeof(float)];
            for (int d = 0; d < dimension; d++)
            {
                if (!float.IsFinite(embedding[d]))
                {
                    throw new ArgumentException($"embedding {i} ({sources[i]}) holds {embedding[d]} at position {d}; embeddings must be finite");
                }

                BinaryPrimitives.WriteSingleLittleEndian(blobs[i].AsSpan(d * sizeof(float)), embedding[d]);
            }
        }

        return new EncodedBatch(label, blobs, sources);
    }

    private static SqliteConnection Connect(string fullPath, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            Pooling = false,
            ForeignKeys = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();

            // Wait for other connections' locks instead of failing at once; run no functions with side effects from the schema.
            command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA trusted_schema = OFF";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void UseRollbackJournal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            command.CommandText = "PRAGMA journal_mode = DELETE";
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            // Leaving write-ahead-log mode needs the file to itself; while others use it the gallery keeps working in that
            // mode, and a later writer switches it.
        }
    }

    private static bool IsWriteAheadLog(string fullPath)
    {
        // Bytes 18 and 19 of an SQLite header are the file format's write and read versions: 2 means write-ahead log.
        try
        {
            using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Span<byte> header = stackalloc byte[20];
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header[18] == 2 && header[19] == 2;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static GalleryException Unusable(string path, SqliteException ex, bool writeAheadLog)
    {
        string detail = ex.Message.Split('\n')[0].Trim();
        if (writeAheadLog && ex.SqliteErrorCode is SqliteReadOnly or SqliteCantOpen)
        {
            return new GalleryException(path,
                $"the gallery is in write-ahead-log mode, which cannot be read where its folder cannot be written ({detail}); "
                + "open it once for writing (enroll) to switch it to the rollback journal", ex);
        }

        return ex.SqliteErrorCode switch
        {
            SqliteNotADatabase => new GalleryException(path, "not a Siamese gallery (not an SQLite database)", ex),
            SqliteCorrupt => new GalleryException(path, $"the gallery is damaged ({detail}); restore it from a backup or enroll again", ex),
            SqliteBusy or SqliteLocked => new GalleryException(path, $"the gallery is locked by another process ({detail}); try again", ex),
            SqliteReadOnly => new GalleryException(path, $"the gallery cannot be written ({detail})", ex),
            SqliteFull => new GalleryException(path, $"the disk is full ({detail}); nothing was changed", ex),
            _ => new GalleryException(path, $"cannot use the gallery: {detail}", ex),
        };
    }

    private static GalleryException AlreadyExists(string path) =>
        new(path, "already exists; replace it only on purpose (overwrite)");

    private static void CreateFolder(string path, string folder)
    {
        for (string? ancestor = folder; ancestor is not null; ancestor = System.IO.Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                throw new GalleryException(path, $"cannot be created: {ancestor} is a file, not a folder");
            }

            if (Directory.Exists(ancestor))
            {
                break;
            }
        }

        Directory.CreateDirectory(folder);
    }

    /// <summary>Refuses a folder, and a named pipe, device or socket (SQLite would block opening a pipe), where the gallery should be.</summary>
    private static void ThrowIfFolder(string path, string fullPath)
    {
        switch (Siamese.Data.FileType.Of(fullPath))
        {
            case Siamese.Data.FileType.Kind.Directory:
                throw new GalleryException(path, "is a folder; a gallery file is expected (e.g. gallery.db inside it)");
            case Siamese.Data.FileType.Kind.Special:
                throw new GalleryException(path, Siamese.Data.FileType.NotRegular("a gallery file"));
        }
    }

    private static void DeleteSidecars(string fullPath)
    {
        foreach (string suffix in (string[])["-journal", "-wal", "-shm"])
        {
            File.Delete(fullPath + suffix);
        }
    }

    private static void DeleteWithSidecars(string fullPath)
    {
        try
        {
            File.Delete(fullPath);
            DeleteSidecars(fullPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Stores an encoded batch in one write transaction and checks, before committing, that the file holds it: one
    /// new row per embedding with exactly the bytes written, and no other row gone.
    /// </summary>
    private void Write(EncodedBatch batch)
    {
        string enrolled = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        Sql(() =>
        {
            // BEGIN IMMEDIATE: the write lock first (waiting for it up to the busy timeout), so nothing changes under us.
            using var transaction = connection.BeginTransaction();
            GallerySchema.CheckObjects(Path, connection, transaction);
            int before = CountEntries(transaction);
            var ids = new long[batch.Blobs.Length];
            using (var insert = Command("INSERT INTO entries (label, source, embedding, enrolled) VALUES ($label, $source, $embedding, $enrolled)", transaction))
            using (var rowId = Command("SELECT last_insert_rowid()", transaction))
            {
                var source = insert.Parameters.Add("$source", SqliteType.Text);
                var embedding = insert.Parameters.Add("$embedding", SqliteType.Blob);
                insert.Parameters.AddWithValue("$label", batch.Label);
                insert.Parameters.AddWithValue("$enrolled", enrolled);
                for (int i = 0; i < ids.Length; i++)
                {
                    source.Value = batch.Sources[i];
                    embedding.Value = batch.Blobs[i];
                    if (insert.ExecuteNonQuery() != 1)
                    {
                        throw NotKept($"embedding {i} was not inserted");
                    }

                    ids[i] = (long)rowId.ExecuteScalar()!;
                }
            }

            int after = CountEntries(transaction);
            if (after != before + ids.Length)
            {
                throw NotKept($"{before} entries plus {ids.Length} new ones left {after}");
            }

            using var read = Command("SELECT label, source, embedding FROM entries WHERE id = $id", transaction);
            var id = read.Parameters.Add("$id", SqliteType.Integer);
            for (int i = 0; i < ids.Length; i++)
            {
                id.Value = ids[i];
                using var row = read.ExecuteReader();
                if (!row.Read() || row.GetValue(0) is not string label || label != batch.Label
                    || row.GetValue(1) is not string source || source != batch.Sources[i]
                    || row.GetValue(2) is not byte[] blob || !blob.AsSpan().SequenceEqual(batch.Blobs[i]))
                {
                    throw NotKept($"entry {ids[i]} does not hold embedding {i} as written");
                }
            }

            transaction.Commit();
            return 0;
        });
    }

    private GalleryException NotKept(string what) =>
        new(Path, $"the gallery did not keep the entries as written ({what}); nothing was stored. Its tables were not made by Siamese "
            + "(a conflict rule or trigger changes rows)");

    private int CountEntries(SqliteTransaction? transaction)
    {
        using var command = Command("SELECT COUNT(*) FROM entries", transaction);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void CheckIdentity(GalleryIdentity expected)
    {
        if (expected.ModelFingerprint != Identity.ModelFingerprint)
        {
            throw new GalleryException(Path,
                $"made by another model (fingerprint {GalleryIdentity.Abbreviate(Identity.ModelFingerprint)}, this model is "
                + $"{GalleryIdentity.Abbreviate(expected.ModelFingerprint)}); enroll again with this model or use the model that made it");
        }

        if (expected.EmbeddingDimension != Identity.EmbeddingDimension || expected.Distance != Identity.Distance)
        {
            throw new GalleryException(Path,
                $"the gallery records dimension {Identity.EmbeddingDimension} and distance {Identity.Distance} but its model has "
                + $"{expected.EmbeddingDimension} and {expected.Distance}; the gallery metadata is damaged");
        }
    }

    private void ThrowIfUnwritable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"{Path}: the gallery was opened read-only");
        }
    }

    private SqliteCommand Command(string text, SqliteTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        return command;
    }

    private T Sql<T>(Func<T> action)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw Unusable(Path, ex, false);
        }
    }

    /// <summary>A validated batch: the label, each embedding as little-endian float32 bytes, and the sources.</summary>
    private sealed record EncodedBatch(string Label, byte[][] Blobs, IReadOnlyList<string> Sources);
}
